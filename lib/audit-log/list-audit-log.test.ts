import { describe, expect, it } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { writeAudit } from "@/lib/audit";
import { createAdmin } from "@/lib/admins/create-admin";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { parseAuditFilters } from "@/lib/schemas/audit";
import { asRole, insertUser, makeAdmin, unique } from "@/test/factories";
import { listAuditFilterOptions } from "./list-audit-filter-options";
import { listAuditLog } from "./list-audit-log";

const params = { page: 1, pageSize: 25, sort: "at" as const, dir: "desc" as const, q: "" };
const HOUR = 3_600_000;

/** Writes an audit row as `actor`, `hoursAgo` hours in the past. */
async function auditAt(actor: Actor, action: string, hoursAgo: number, extra: { targetType?: string; targetId?: string; before?: unknown; after?: unknown } = {}) {
  const row = await db.$transaction(async (tx) => {
    await writeAudit(tx, actor, { action, targetType: extra.targetType ?? "user", targetId: extra.targetId, targetLabel: action, before: extra.before, after: extra.after });
    return tx.auditLog.findFirstOrThrow({ where: { action, actorId: actor.id }, orderBy: { at: "desc" } });
  });
  return db.auditLog.update({ where: { id: row.id }, data: { at: new Date(Date.now() - hoursAgo * HOUR) } });
}

function action() {
  return `test.${unique("a")}`;
}

describe("listAuditLog", () => {
  it("shows the newest first, or the oldest first when sorted ascending", async () => {
    const actor = await makeAdmin("admin");
    const name = action();
    const old = await auditAt(actor, name, 5);
    const recent = await auditAt(actor, name, 1);
    const desc = await asRole("auditor", () => listAuditLog(params, { action: name }));
    expect(desc.rows.map((r) => r.id)).toEqual([recent.id, old.id]);
    const asc = await asRole("auditor", () => listAuditLog({ ...params, dir: "asc" }, { action: name }));
    expect(asc.rows.map((r) => r.id)).toEqual([old.id, recent.id]);
    expect(desc.rows[0]).toMatchObject({ actorEmail: actor.email, actorId: actor.id, action: name, at: recent.at.toISOString() });
  });

  it("filters by actor and by action", async () => {
    const [alice, bob] = await Promise.all([makeAdmin("admin"), makeAdmin("admin")]);
    const shared = action();
    const other = action();
    await auditAt(alice, shared, 1);
    await auditAt(alice, other, 1);
    await auditAt(bob, shared, 1);
    const byActor = await asRole("admin", () => listAuditLog(params, { actorId: alice.id }));
    expect(byActor.rows.map((r) => r.action).sort()).toEqual([shared, other].sort());
    const byAction = await asRole("admin", () => listAuditLog(params, { action: shared }));
    expect(byAction.rows.map((r) => r.actorEmail).sort()).toEqual([alice.email, bob.email].sort());
    const both = await asRole("admin", () => listAuditLog(params, { action: shared, actorId: bob.id }));
    expect(both.total).toBe(1);
  });

  it("filters by a preset time range or from / to", async () => {
    const actor = await makeAdmin("admin");
    const name = action();
    const hours = [2, 3 * 24, 10 * 24, 40 * 24];
    const rows = [];
    for (const h of hours) rows.push(await auditAt(actor, name, h));
    const count = (filters: Parameters<typeof listAuditLog>[1]) => asRole("auditor", () => listAuditLog(params, { action: name, ...filters })).then((p) => p.total);
    expect(await count({ range: "24h" })).toBe(1);
    expect(await count({ range: "7d" })).toBe(2);
    expect(await count({ range: "30d" })).toBe(3);
    expect(await count({})).toBe(4);
    const window = await asRole("auditor", () => listAuditLog(params, { action: name, from: new Date(Date.now() - 20 * 24 * HOUR), to: new Date(Date.now() - 24 * HOUR) }));
    expect(window.rows.map((r) => r.id)).toEqual([rows[1].id, rows[2].id]);
    expect(await count({ from: new Date(Date.now() - 5 * 24 * HOUR) })).toBe(2);
    expect(await count({ to: new Date(Date.now() - 30 * 24 * HOUR) })).toBe(1);
  });

  it("pages through the rows", async () => {
    const actor = await makeAdmin("admin");
    const name = action();
    for (let i = 0; i < 3; i++) await auditAt(actor, name, i + 1);
    const first = await asRole("admin", () => listAuditLog({ ...params, pageSize: 2 }, { action: name }));
    const second = await asRole("admin", () => listAuditLog({ ...params, pageSize: 2, page: 2 }, { action: name }));
    expect(first.total).toBe(3);
    expect(first.rows).toHaveLength(2);
    expect(second.rows).toHaveLength(1);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(3);
  });

  it("shows only the changed fields and links targets that still exist", async () => {
    const actor = await makeAdmin("admin");
    const name = action();
    const user = await insertUser();
    const gone = await insertUser();
    await db.user.delete({ where: { id: gone.id } });
    await auditAt(actor, name, 1, { targetType: "user", targetId: user.id, before: { title: "Eng", department: "R&D" }, after: { title: "Lead", department: "R&D" } });
    await auditAt(actor, name, 2, { targetType: "user", targetId: gone.id });
    await auditAt(actor, name, 3, { targetType: "admin", targetId: actor.id });
    const { rows } = await asRole("auditor", () => listAuditLog(params, { action: name }));
    expect(rows.map((r) => r.targetHref)).toEqual([`/users/${user.id}`, null, null]);
    expect(rows[0].changes).toEqual([{ field: "title", before: "Eng", after: "Lead" }]);
    expect(rows[1].changes).toEqual([]);
  });

  it("records an operator change made through lib, findable by actor and action", async () => {
    const admin = await makeAdmin("admin");
    const email = `${unique("audited")}@example.test`;
    await runAs(admin, () => createAdmin({ name: "Audited", email, role: "auditor" }));
    const { rows } = await asRole("auditor", () => listAuditLog(params, { actorId: admin.id, action: "admin.create" }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ targetType: "admin", targetLabel: email, targetHref: null });
    expect(rows[0].changes).toContainEqual({ field: "role", before: "", after: "auditor" });
  });

  it("is refused to approvers, with the filter options too", async () => {
    await expect(asRole("approver", () => listAuditLog(params, {}))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(asRole("approver", () => listAuditFilterOptions())).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("listAuditFilterOptions", () => {
  it("offers every operator and each action name once", async () => {
    const actor = await makeAdmin("admin");
    const name = action();
    await auditAt(actor, name, 1);
    await auditAt(actor, name, 2);
    const options = await asRole("auditor", () => listAuditFilterOptions());
    expect(options.actions.filter((a) => a === name)).toHaveLength(1);
    expect(options.actions).toEqual([...options.actions].sort());
    expect(options.actors).toContainEqual({ id: actor.id, email: actor.email, name: actor.name });
  });
});

describe("parseAuditFilters", () => {
  it("reads actor, action and from / to from the URL", () => {
    expect(parseAuditFilters({ actor: "abc123", action: "user.create", from: "2026-01-01T00:00:00.000Z", to: "2026-01-02T00:00:00.000Z" })).toEqual({
      actorId: "abc123",
      action: "user.create",
      range: undefined,
      from: new Date("2026-01-01T00:00:00.000Z"),
      to: new Date("2026-01-02T00:00:00.000Z"),
    });
  });

  it("drops values a hand-edited URL got wrong instead of failing the page", () => {
    expect(parseAuditFilters({ actor: "a b", action: "DROP TABLE", range: "1y", from: "yesterday", to: ["x", "y"] })).toEqual({
      actorId: undefined,
      action: undefined,
      range: undefined,
      from: undefined,
      to: undefined,
    });
  });

  it("lets a preset win over from / to", () => {
    expect(parseAuditFilters({ range: "7d", from: "2026-01-01T00:00:00Z" })).toMatchObject({ range: "7d", from: undefined });
  });
});
