import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { ScimClient } from "./client";
import { ScimError } from "./errors";
import { defaultMapping, mapUserToScim, type ConsoleUser } from "./mapping";
import { buildUserPatch } from "./patch";
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimUser } from "./types";

const person = (userName: string, email = `${userName.replace(/\W/g, "")}@example.com`): ScimUser => ({
  schemas: [USER_SCHEMA],
  userName,
  emails: [{ type: "work", primary: true, value: email }],
  active: true,
});

describe("ScimClient against an RFC app", () => {
  let app: ScimStandIn;
  let client: ScimClient;
  beforeAll(async () => {
    app = await startScimStandIn();
    client = new ScimClient({ baseUrl: app.baseUrl, token: app.token });
  });
  afterAll(() => app.close());

  it("creates a user (201) and returns its server id", async () => {
    const created = await client.createUser(person("create.me"));
    expect(created.id).toEqual(expect.any(String));
    expect(app.users().find((u) => u.id === created.id)?.userName).toBe("create.me");
    const post = app.requests.findLast((r) => r.method === "POST");
    expect(post?.headers["content-type"]).toBe("application/scim+json");
    expect(post?.headers.accept).toBe("application/scim+json, application/json");
    expect(post?.headers).not.toHaveProperty("authorization");
  });

  it("finds a user by userName before creating, with a quote and a backslash in it, ignoring case", async () => {
    const weird = 'O"Neil\\Ops';
    expect(await client.findUserByUserName(weird)).toBeNull();
    const created = await client.createUser(person(weird, "oneil@example.com"));
    const found = await client.findUserByUserName('o"neil\\ops');
    expect(found?.id).toBe(created.id);
    expect(app.requests.findLast((r) => r.method === "GET")?.query.filter).toBe('userName eq "o\\"neil\\\\ops"');
  });

  it("on 409 finds the existing account, adopts it, reactivates it and patches it to the wanted state", async () => {
    const existing = await app.seedUser({ ...person("adopt.me"), active: false, title: "Old" });
    const wanted = { ...person("Adopt.Me"), title: "New" };
    const conflict = await client.createUser(wanted).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ScimError);
    expect((conflict as ScimError).isUniquenessConflict).toBe(true);
    expect((conflict as ScimError).httpStatus).toBe(409);

    const adopted = await client.findUserByUserName(wanted.userName);
    expect(adopted?.id).toBe(existing.id);
    await client.reactivateUser(existing.id);
    const patch = buildUserPatch({ ...(adopted as ScimUser), active: true }, { ...adopted, ...wanted, userName: "adopt.me" });
    await client.patchUser(existing.id, patch!);
    expect(app.users().find((u) => u.id === existing.id)).toMatchObject({ active: true, title: "New" });
  });

  it("applies a PATCH built from the mapping diff and sends only what changed", async () => {
    const consoleUser: ConsoleUser = { id: "c-9", userName: "diff.me", email: "diff@example.com", department: "Ops", active: true };
    const before = mapUserToScim(consoleUser, defaultMapping("scim"));
    const { id } = await client.createUser(before);
    const after = mapUserToScim({ ...consoleUser, email: "diff2@example.com", department: "Eng", title: "Lead" }, defaultMapping("scim"));
    const patch = buildUserPatch(before, after)!;
    const reply = await client.patchUser(id, patch);
    expect(reply?.title).toBe("Lead");
    expect(patch.Operations.map((o) => o.path)).toEqual([
      'emails[type eq "work"].value',
      `${ENTERPRISE_USER_SCHEMA}:department`,
      "title",
    ]);
    const stored = await client.getUser(id);
    expect(stored.emails).toEqual([{ type: "work", primary: true, value: "diff2@example.com" }]);
    expect(stored[ENTERPRISE_USER_SCHEMA]).toEqual({ department: "Eng" });
  });

  it("deactivates and reactivates with active as a boolean", async () => {
    const { id } = await client.createUser(person("toggle.me"));
    await client.deactivateUser(id);
    expect((await client.getUser(id)).active).toBe(false);
    expect(app.requests.findLast((r) => r.method === "PATCH")?.body).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "replace", path: "active", value: false }],
    });
    await client.reactivateUser(id);
    expect((await client.getUser(id)).active).toBe(true);
  });

  it("deletes (204), and a 404 on a repeated delete means already gone", async () => {
    const { id } = await client.createUser(person("delete.me"));
    expect(await client.deleteUser(id)).toEqual({ alreadyGone: false });
    expect(await client.deleteUser(id)).toEqual({ alreadyGone: true });
    const error = await client.getUser(id).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: "not-found", httpStatus: 404, retryable: false });
  });

  it("pages through all users until the last page, reading integer counts", async () => {
    for (let i = 0; i < 12; i++) await app.seedUser(person(`page.user.${i}`));
    const page = await client.listUsers(1, 5);
    expect(page.resources).toHaveLength(5);
    expect(page.itemsPerPage).toBe(5);
    const seen: string[] = [];
    for await (const user of client.allUsers(5)) seen.push(user.userName);
    expect(seen).toHaveLength(app.users().length);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("finds a user by any of its emails, case-insensitively", async () => {
    const { id } = await client.createUser(person("mail.me", "Mail.Me@Example.com"));
    expect((await client.findUserByEmail("mail.me@example.com"))?.id).toBe(id);
    expect(await client.findUserByEmail("nobody@example.com")).toBeNull();
  });
});

describe("ScimClient against Slack's SCIM API", () => {
  let slack: ScimStandIn;
  let client: ScimClient;
  beforeAll(async () => {
    slack = await startScimStandIn({ slack: true });
    client = new ScimClient({ baseUrl: slack.baseUrl, token: slack.token });
  });
  afterAll(() => slack.close());

  it("gets a lowercased userName back and still finds it by the original", async () => {
    const created = await client.createUser(person("Jane.Doe", "jane@slack.test"));
    expect(created.userName).toBe("jane.doe");
    expect((await client.findUserByUserName("Jane.Doe"))?.id).toBe(created.id);
  });

  it("DELETE only deactivates, and repeating it still answers 204", async () => {
    const { id } = await client.createUser(person("leaver", "leaver@slack.test"));
    expect(await client.deleteUser(id)).toEqual({ alreadyGone: false });
    expect(await client.deleteUser(id)).toEqual({ alreadyGone: false });
    expect(await client.getUser(id)).toMatchObject({ id, active: false });
  });

  it("refuses the email of a deactivated user with email_taken; the client finds it by email and reactivates", async () => {
    const { id } = await client.createUser(person("returner", "back@slack.test"));
    await client.deleteUser(id);
    const error = (await client.createUser(person("returner2", "Back@slack.test")).catch((e: unknown) => e)) as ScimError;
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ httpStatus: 409, slackCode: "email_taken", reason: "uniqueness", retryable: false });
    const found = await client.findUserByEmail("back@slack.test");
    expect(found?.id).toBe(id);
    await client.reactivateUser(id);
    expect((await client.getUser(id)).active).toBe(true);
  });

  it("stores the manager as managerId", async () => {
    const user = mapUserToScim(
      { id: "c1", userName: "Report", email: "report@slack.test", managerUserName: "Jane.Doe", active: true },
      defaultMapping("slack"),
    );
    const { id } = await client.createUser(user);
    expect((await client.getUser(id))[ENTERPRISE_USER_SCHEMA]).toEqual({ manager: { managerId: "jane.doe" } });
  });
});

describe("ScimClient against an app without PATCH", () => {
  let app: ScimStandIn;
  beforeAll(async () => {
    app = await startScimStandIn({ patch: false });
  });
  afterAll(() => app.close());

  it("falls back to GET + PUT on 501 and remembers it", async () => {
    const client = new ScimClient({ baseUrl: app.baseUrl, token: app.token });
    const { id } = await client.createUser({ ...person("put.me"), title: "Kept" });
    await client.deactivateUser(id);
    expect(app.users().find((u) => u.id === id)).toMatchObject({ active: false, title: "Kept" });
    const before = app.requests.length;
    await client.reactivateUser(id);
    expect(app.requests.slice(before).map((r) => r.method)).toEqual(["GET", "PUT"]);
    expect(app.users().find((u) => u.id === id)?.active).toBe(true);
  });

  it("goes straight to PUT when told the app has no PATCH", async () => {
    const client = new ScimClient({ baseUrl: app.baseUrl, token: app.token, supportsPatch: false });
    const { id } = await client.createUser(person("put.me.too"));
    const before = app.requests.length;
    await client.deactivateUser(id);
    expect(app.requests.slice(before).map((r) => r.method)).toEqual(["GET", "PUT"]);
  });
});
