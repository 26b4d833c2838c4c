import { describe, expect, it } from "vitest";
import { runAs } from "@/lib/authz";
import { db } from "@/lib/db";
import { seedApp } from "@/lib/provisioning/test-support";
import { asRole, insertUser, makeAdmin, unique } from "@/test/factories";
import { accessAtRows, listAccessAt, resolveAccessQuery, type AccessSort } from "./access-at";

const T = (day: number) => new Date(Date.UTC(2026, 0, day, 12));
const params = (over: Partial<{ page: number; pageSize: number; sort: AccessSort; dir: "asc" | "desc"; q: string }> = {}) => ({
  page: 1,
  pageSize: 100,
  sort: "user" as AccessSort,
  dir: "asc" as const,
  q: "",
  ...over,
});

type Ev = { userId: string; who: string; action: string; day: number; outcome?: string; subjectType?: string; appId?: string };

async function newApp() {
  return seedApp({ baseUrl: "https://scim.example.test/scim/v2", token: "t0k3n-not-used" });
}

async function events(app: { id: string; name: string }, list: Ev[]) {
  await db.provisioningEvent.createMany({
    data: list.map((e) => ({
      appId: e.appId ?? app.id,
      appName: app.name,
      subjectType: e.subjectType ?? "user",
      userId: e.userId,
      userIdentifier: e.who,
      action: e.action,
      outcome: e.outcome ?? "success",
      message: `${e.action} ${e.outcome ?? "success"}`,
      at: T(e.day),
    })),
  });
}

async function activeAt(appId: string, at: Date, over: Parameters<typeof params>[0] = {}) {
  return asRole("auditor", () => listAccessAt({ appId, at }, params(over)));
}

describe("access at a point in time", () => {
  it("follows create -> deactivate -> reactivate, and reports when each active period began", async () => {
    const app = await newApp();
    const u = await insertUser();
    await events(app, [
      { userId: u.id, who: u.userName, action: "create", day: 1 },
      { userId: u.id, who: u.userName, action: "update", day: 2 },
      { userId: u.id, who: u.userName, action: "deactivate", day: 3 },
      { userId: u.id, who: u.userName, action: "reactivate", day: 5 },
      { userId: u.id, who: u.userName, action: "link", day: 6 },
    ]);
    const at = async (day: number) => (await activeAt(app.id, T(day))).rows.map((r) => [r.userIdentifier, r.since]);
    expect(await at(0.5)).toEqual([]);
    expect(await at(1)).toEqual([[u.userName, T(1).toISOString()]]);
    expect(await at(2.5)).toEqual([[u.userName, T(1).toISOString()]]);
    expect(await at(3)).toEqual([]);
    expect(await at(4)).toEqual([]);
    expect(await at(5.5)).toEqual([[u.userName, T(5).toISOString()]]);
    // A later link (Sync now) does not restart the active period.
    expect(await at(7)).toEqual([[u.userName, T(5).toISOString()]]);
  });

  it("ignores failed, retrying and skipped attempts, group events and other apps", async () => {
    const app = await newApp();
    const other = await newApp();
    const retried = await insertUser();
    const stillActive = await insertUser();
    const elsewhere = await insertUser();
    await events(app, [
      { userId: retried.id, who: retried.userName, action: "create", day: 1, outcome: "failed" },
      { userId: retried.id, who: retried.userName, action: "create", day: 2, outcome: "retrying" },
      { userId: retried.id, who: retried.userName, action: "create", day: 3 },
      { userId: stillActive.id, who: stillActive.userName, action: "create", day: 1 },
      { userId: stillActive.id, who: stillActive.userName, action: "deactivate", day: 2, outcome: "failed" },
      { userId: stillActive.id, who: stillActive.userName, action: "deactivate", day: 2.5, outcome: "skipped" },
      { userId: stillActive.id, who: stillActive.userName, action: "deactivate", day: 2.6, outcome: "pending_approval" },
      { userId: elsewhere.id, who: elsewhere.userName, action: "create", day: 1, appId: other.id },
      { userId: unique("g"), who: "Engineering", action: "create", day: 1, subjectType: "group" },
    ]);
    const at2 = await activeAt(app.id, T(2.8));
    expect(at2.rows.map((r) => r.userIdentifier)).toEqual([stillActive.userName]);
    const at4 = await activeAt(app.id, T(4));
    expect(at4.rows.map((r) => r.userIdentifier).sort()).toEqual([retried.userName, stillActive.userName].sort());
    expect(at4.rows.find((r) => r.userId === retried.id)?.since).toBe(T(3).toISOString());
    expect(at4.total).toBe(2);
    expect((await activeAt(other.id, T(4))).rows.map((r) => r.userId)).toEqual([elsewhere.id]);
  });

  it("a deleted account ends access; a user deleted from the directory still shows for times they had access", async () => {
    const app = await newApp();
    const removed = await insertUser();
    const gone = await insertUser({ firstName: "Gone", lastName: "Person" });
    await events(app, [
      { userId: removed.id, who: removed.userName, action: "create", day: 1 },
      { userId: removed.id, who: removed.userName, action: "delete", day: 3 },
      { userId: gone.id, who: gone.userName, action: "create", day: 1 },
      { userId: gone.id, who: gone.userName, action: "delete", day: 4 },
    ]);
    await db.user.delete({ where: { id: gone.id } });
    const at2 = await activeAt(app.id, T(2));
    expect(at2.rows.map((r) => [r.userIdentifier, r.inDirectory, r.email])).toEqual(
      [
        [removed.userName, true, removed.email],
        [gone.userName, false, null],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect((await activeAt(app.id, T(3.5))).rows.map((r) => r.userId)).toEqual([gone.id]);
    expect((await activeAt(app.id, T(5))).rows).toEqual([]);
  });

  it("searches identifier, email and name literally, sorts, and pages without gaps or repeats", async () => {
    const app = await newApp();
    const tag = unique("srch");
    const users = await Promise.all(
      ["amy", "bob", "cat", "dan", "eve"].map((n, i) => insertUser({ userName: `${tag}_${n}`, firstName: n === "cat" ? "Catherine" : "X", lastName: `L${i}` })),
    );
    await events(app, users.map((u, i) => ({ userId: u.id, who: u.userName, action: "create", day: 1 + i })));
    const byName = await activeAt(app.id, T(10), { q: "catherine" });
    expect(byName.rows.map((r) => r.userIdentifier)).toEqual([`${tag}_cat`]);
    const byEmail = await activeAt(app.id, T(10), { q: `${tag}_dan@` });
    expect(byEmail.rows.map((r) => r.userIdentifier)).toEqual([`${tag}_dan`]);
    expect((await activeAt(app.id, T(10), { q: "%" })).rows).toEqual([]);
    // "_" is a literal underscore, not LIKE's any-character.
    expect((await activeAt(app.id, T(10), { q: `${tag}_` })).total).toBe(5);
    expect((await activeAt(app.id, T(10), { q: `${tag}x` })).total).toBe(0);

    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(await activeAt(app.id, T(10), { pageSize: 2, page, sort: "since", dir: "desc" }));
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    expect(pages.flatMap((p) => p.rows.map((r) => r.userIdentifier))).toEqual(["eve", "dan", "cat", "bob", "amy"].map((n) => `${tag}_${n}`));
    const beyond = await activeAt(app.id, T(10), { pageSize: 2, page: 9 });
    expect(beyond.rows).toEqual([]);
    expect(beyond.total).toBe(5);
  });

  it("exports every active account in batches", async () => {
    const app = await newApp();
    const users = await Promise.all(Array.from({ length: 7 }, () => insertUser()));
    await events(app, users.map((u) => ({ userId: u.id, who: u.userName, action: "create", day: 1 })));
    await events(app, [{ userId: users[0].id, who: users[0].userName, action: "deactivate", day: 2 }]);
    const rows = [];
    for await (const row of await asRole("approver", () => accessAtRows({ appId: app.id, at: T(3) }))) rows.push(row.userId);
    expect(rows.sort()).toEqual(users.slice(1).map((u) => u.id).sort());
  });
});

describe("access query validation", () => {
  const now = new Date("2026-11-22T12:00:00Z");

  it("accepts a known app and a past time", async () => {
    const app = await newApp();
    const q = await asRole("auditor", () => resolveAccessQuery({ app: app.id, at: "2026-11-01T09:30:00.000Z" }, now));
    expect(q.app).toEqual({ id: app.id, name: app.name });
    expect(q.at.toISOString()).toBe("2026-11-01T09:30:00.000Z");
    expect(q.errors).toEqual({});
  });

  it.each([
    ["an unknown app", { app: "no-such-app" }, { app: "That app does not exist (it may have been disconnected). Choose an app from the list." }],
    ["an over-long app id", { app: "x".repeat(500) }, { app: "That app does not exist (it may have been disconnected). Choose an app from the list." }],
    ["a malformed time", { at: "yesterday" }, { at: "That is not a valid date and time. Pick one with the date picker, e.g. 2026-11-01 09:30." }],
    ["an impossible date", { at: "2026-13-45T99:99" }, { at: "That is not a valid date and time. Pick one with the date picker, e.g. 2026-11-01 09:30." }],
  ])("rejects %s with a clear message", async (_name, raw, errors) => {
    const q = await asRole("auditor", () => resolveAccessQuery(raw, now));
    expect(q.errors).toEqual(errors);
    expect(q.app).toBeNull();
  });

  it("shows access now for a future time, saying so", async () => {
    const app = await newApp();
    const q = await asRole("auditor", () => resolveAccessQuery({ app: app.id, at: "2030-01-01T00:00:00Z" }, now));
    expect(q.at).toEqual(now);
    expect(q.notices).toEqual(["That time is in the future, so the list shows who has access now."]);
  });

  it("every role may read it (reports:read)", async () => {
    for (const role of ["admin", "approver", "auditor"] as const) {
      const actor = await makeAdmin(role);
      await expect(runAs(actor, () => listAccessAt({ appId: "none", at: now }, params()))).resolves.toMatchObject({ total: 0 });
    }
  });
});
