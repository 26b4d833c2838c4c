import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { ScimClient } from "./client";
import { USER_SCHEMA } from "./types";

async function seedUsers(app: ScimStandIn, prefix: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push((await app.seedUser({ schemas: [USER_SCHEMA], userName: `${prefix}${i}`, emails: [{ value: `${prefix}${i}@x.test` }] })).id);
  }
  return ids;
}

const memberIds = (app: ScimStandIn, id: string) =>
  ((app.groups().find((g) => g.id === id)?.members ?? []) as { value: string }[]).map((m) => m.value).sort();

describe("ScimClient groups", () => {
  let app: ScimStandIn;
  let client: ScimClient;
  beforeAll(async () => {
    app = await startScimStandIn();
    client = new ScimClient({ baseUrl: app.baseUrl, token: app.token });
  });
  afterAll(() => app.close());

  it("creates a group with members, finds it by displayName without members, renames and deletes it", async () => {
    const [a, b] = await seedUsers(app, "grp.a", 2);
    const group = await client.createGroup("Engineering", [a, b]);
    expect(memberIds(app, group.id)).toEqual([a, b].sort());

    const found = await client.findGroupByDisplayName("engineering");
    expect(found?.id).toBe(group.id);
    expect(found).not.toHaveProperty("members");
    expect(app.requests.findLast((r) => r.method === "GET")?.query.excludedAttributes).toBe("members");

    await client.renameGroup(group.id, "Platform");
    expect((await client.getGroup(group.id)).displayName).toBe("Platform");

    expect(await client.deleteGroup(group.id)).toEqual({ alreadyGone: false });
    expect(await client.deleteGroup(group.id)).toEqual({ alreadyGone: true });
  });

  it("adds and removes members in chunks, accepting 204 replies", async () => {
    const ids = await seedUsers(app, "grp.c", 5);
    const group = await client.createGroup("Chunked", [ids[0], ids[1]]);
    const before = app.requests.length;
    await client.patchGroupMembers(group.id, [ids[2], ids[3], ids[4]], [ids[0]], 2);
    expect(memberIds(app, group.id)).toEqual([ids[1], ids[2], ids[3], ids[4]].sort());
    const patches = app.requests.slice(before).filter((r) => r.method === "PATCH");
    expect(patches).toHaveLength(2);
    expect(patches[1].body).toMatchObject({
      Operations: [
        { op: "add", path: "members", value: [{ value: ids[4] }] },
        { op: "remove", path: `members[value eq "${ids[0]}"]` },
      ],
    });
  });

  it("returns null for a group that does not exist", async () => {
    expect(await client.findGroupByDisplayName("Nope")).toBeNull();
  });
});

describe("ScimClient groups without PATCH", () => {
  it("changes members and names with GET + PUT", async () => {
    const app = await startScimStandIn({ patch: false });
    try {
      const client = new ScimClient({ baseUrl: app.baseUrl, token: app.token });
      const [a, b, c] = await seedUsers(app, "put.g", 3);
      const group = await client.createGroup("Put Group", [a, b]);
      await client.patchGroupMembers(group.id, [c], [a]);
      expect(memberIds(app, group.id)).toEqual([b, c].sort());
      await client.renameGroup(group.id, "Renamed");
      expect(app.groups().find((g) => g.id === group.id)?.displayName).toBe("Renamed");
      expect(app.requests.filter((r) => r.method === "PUT")).toHaveLength(2);
    } finally {
      await app.close();
    }
  });
});
