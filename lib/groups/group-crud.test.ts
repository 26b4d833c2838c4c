import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { asRole, insertUser, unique } from "@/test/factories";
import { addGroupMembers } from "./add-group-members";
import { createGroup } from "./create-group";
import { deleteGroup } from "./delete-group";
import { getGroup } from "./get-group";
import { listGroupOptions } from "./list-group-options";
import { listGroups } from "./list-groups";
import { updateGroup } from "./update-group";

const params = { page: 1, pageSize: 25, sort: "name" as const, dir: "asc" as const, q: "" };

async function auditRows(targetId: string, action: string) {
  return db.auditLog.findMany({ where: { targetId, action } });
}

async function fieldErrorOf(promise: Promise<unknown>): Promise<Record<string, string[] | undefined>> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (error instanceof z.ZodError) return z.flattenError(error).fieldErrors as Record<string, string[]>;
  if (error instanceof DomainError) return error.fieldErrors;
  throw new Error(`expected a validation or conflict error, got ${String(error)}`);
}

describe("createGroup", () => {
  it("admin creates a group with a multi-line description and an audit row", async () => {
    const name = unique("Engineering ");
    const group = await asRole("admin", () => createGroup({ name: `  ${name} `, description: "Builds things.\r\nShips them." }));
    expect(group).toMatchObject({ name, description: "Builds things.\nShips them.", memberCount: 0 });
    const stored = await db.group.findUniqueOrThrow({ where: { id: group.id } });
    expect(stored.nameKey).toBe(name.toLowerCase());
    const [audit] = await auditRows(group.id, "group.create");
    expect(audit.targetType).toBe("group");
    expect(audit.targetLabel).toBe(name);
    expect(JSON.parse(audit.after ?? "null")).toEqual({ name, description: "Builds things.\nShips them." });
  });

  it("refuses a name that differs only by case, as a field error, and creates nothing", async () => {
    const name = unique("Sales ");
    await asRole("admin", () => createGroup({ name }));
    const errors = await fieldErrorOf(asRole("admin", () => createGroup({ name: name.toUpperCase() })));
    expect(errors.name).toEqual(["A group with this name already exists."]);
    expect(await db.group.count({ where: { nameKey: name.toLowerCase() } })).toBe(1);
  });

  it.each([
    [{ name: "" }, "name", "Name is required."],
    [{ name: "x".repeat(101) }, "name", "Name must be at most 100 characters."],
    [{ name: "ok", description: "y".repeat(501) }, "description", "Description must be at most 500 characters."],
    [{ name: "ok", description: "a\tb" }, "description", "Description must not contain control characters other than line breaks."],
  ])("refuses %j with the exact %s message", async (input, field, message) => {
    const errors = await fieldErrorOf(asRole("admin", () => createGroup(input)));
    expect(errors[field]).toEqual([message]);
  });

  it.each(["auditor", "approver"] as const)("%s cannot create a group and nothing is stored", async (role) => {
    const name = unique("Denied ");
    await expect(asRole(role, () => createGroup({ name }))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.group.count({ where: { nameKey: name.toLowerCase() } })).toBe(0);
  });
});

describe("updateGroup", () => {
  it("renames and re-describes with before/after in the audit row", async () => {
    const group = await asRole("admin", () => createGroup({ name: unique("Old "), description: "old" }));
    const newName = unique("New ");
    const updated = await asRole("admin", () => updateGroup(group.id, { name: newName, description: "new\nlines" }));
    expect(updated).toMatchObject({ id: group.id, name: newName, description: "new\nlines" });
    const [audit] = await auditRows(group.id, "group.update");
    expect(JSON.parse(audit.before ?? "null")).toEqual({ name: group.name, description: "old" });
    expect(JSON.parse(audit.after ?? "null")).toEqual({ name: newName, description: "new\nlines" });
  });

  it("allows changing only the case of its own name", async () => {
    const group = await asRole("admin", () => createGroup({ name: unique("case ") }));
    const updated = await asRole("admin", () => updateGroup(group.id, { name: group.name.toUpperCase() }));
    expect(updated.name).toBe(group.name.toUpperCase());
  });

  it("writes no audit row when nothing changed", async () => {
    const group = await asRole("admin", () => createGroup({ name: unique("same "), description: "d" }));
    await asRole("admin", () => updateGroup(group.id, { name: group.name, description: "d" }));
    expect(await auditRows(group.id, "group.update")).toHaveLength(0);
  });

  it("refuses a name another group has (any case) and keeps the old name", async () => {
    const taken = await asRole("admin", () => createGroup({ name: unique("Taken ") }));
    const group = await asRole("admin", () => createGroup({ name: unique("Mine ") }));
    const errors = await fieldErrorOf(asRole("admin", () => updateGroup(group.id, { name: taken.name.toLowerCase() })));
    expect(errors.name).toEqual(["A group with this name already exists."]);
    expect((await db.group.findUniqueOrThrow({ where: { id: group.id } })).name).toBe(group.name);
  });

  it.each(["nonexistent-id", "../../etc", ""])("refuses the unknown or tampered id %j", async (id) => {
    await expect(asRole("admin", () => updateGroup(id, { name: unique("x ") }))).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each(["auditor", "approver"] as const)("%s cannot rename a group and nothing changes", async (role) => {
    const group = await asRole("admin", () => createGroup({ name: unique("Keep ") }));
    await expect(asRole(role, () => updateGroup(group.id, { name: unique("Hijack ") }))).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.group.findUniqueOrThrow({ where: { id: group.id } })).name).toBe(group.name);
    expect(await auditRows(group.id, "group.update")).toHaveLength(0);
  });
});

describe("deleteGroup", () => {
  it("deletes the group and its memberships; the users stay; the audit row keeps the member count", async () => {
    const group = await asRole("admin", () => createGroup({ name: unique("Doomed ") }));
    const [a, b] = [await insertUser(), await insertUser()];
    await asRole("admin", () => addGroupMembers(group.id, [a.id, b.id]));
    expect(await asRole("admin", () => deleteGroup(group.id))).toEqual({ name: group.name, memberCount: 2 });
    expect(await db.group.findUnique({ where: { id: group.id } })).toBeNull();
    expect(await db.groupMember.count({ where: { groupId: group.id } })).toBe(0);
    expect(await db.user.count({ where: { id: { in: [a.id, b.id] } } })).toBe(2);
    const [audit] = await auditRows(group.id, "group.delete");
    expect(JSON.parse(audit.before ?? "null")).toEqual({ name: group.name, description: "", memberCount: 2 });
  });

  it("refuses an id that does not exist (deleted twice)", async () => {
    const group = await asRole("admin", () => createGroup({ name: unique("Twice ") }));
    await asRole("admin", () => deleteGroup(group.id));
    await expect(asRole("admin", () => deleteGroup(group.id))).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each(["auditor", "approver"] as const)("%s cannot delete a group and it stays with its members", async (role) => {
    const group = await asRole("admin", () => createGroup({ name: unique("Stay ") }));
    const user = await insertUser();
    await asRole("admin", () => addGroupMembers(group.id, [user.id]));
    await expect(asRole(role, () => deleteGroup(group.id))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.groupMember.count({ where: { groupId: group.id } })).toBe(1);
  });
});

describe("listGroups, getGroup, listGroupOptions", () => {
  it("searches by name case-insensitively and shows member counts per row", async () => {
    const tag = unique("find");
    const big = await asRole("admin", () => createGroup({ name: `${tag} Big`, description: "the big one" }));
    const small = await asRole("admin", () => createGroup({ name: `${tag} small` }));
    const users = await Promise.all([insertUser(), insertUser(), insertUser()]);
    await asRole("admin", () => addGroupMembers(big.id, users.map((u) => u.id)));
    await asRole("admin", () => addGroupMembers(small.id, [users[0].id]));
    const page = await asRole("auditor", () => listGroups({ ...params, q: tag.toUpperCase() }));
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => [r.name, r.memberCount, r.description])).toEqual([
      [`${tag} Big`, 3, "the big one"],
      [`${tag} small`, 1, ""],
    ]);
  });

  it("sorts by member count and by creation time, pages with a stable total", async () => {
    const tag = unique("sort");
    const g1 = await asRole("admin", () => createGroup({ name: `${tag} a` }));
    const g2 = await asRole("admin", () => createGroup({ name: `${tag} b` }));
    const g3 = await asRole("admin", () => createGroup({ name: `${tag} c` }));
    const users = await Promise.all([insertUser(), insertUser()]);
    await asRole("admin", () => addGroupMembers(g2.id, users.map((u) => u.id)));
    await asRole("admin", () => addGroupMembers(g3.id, [users[0].id]));
    const byCount = await asRole("admin", () => listGroups({ ...params, q: tag, sort: "memberCount", dir: "desc" }));
    expect(byCount.rows.map((r) => r.id)).toEqual([g2.id, g3.id, g1.id]);
    const byName = await asRole("admin", () => listGroups({ ...params, q: tag, dir: "desc" }));
    expect(byName.rows.map((r) => r.id)).toEqual([g3.id, g2.id, g1.id]);
    const byCreated = await asRole("admin", () => listGroups({ ...params, q: tag, sort: "createdAt", dir: "asc" }));
    expect(byCreated.rows.map((r) => r.id)).toEqual([g1.id, g2.id, g3.id]);
    const second = await asRole("admin", () => listGroups({ ...params, q: tag, pageSize: 2, page: 2 }));
    expect(second).toMatchObject({ total: 3, page: 2 });
    expect(second.rows.map((r) => r.id)).toEqual([g3.id]);
  });

  it("getGroup returns the member count, or null for an unknown or malformed id", async () => {
    const group = await asRole("admin", () => createGroup({ name: unique("Detail ") }));
    const user = await insertUser();
    await asRole("admin", () => addGroupMembers(group.id, [user.id]));
    expect(await asRole("approver", () => getGroup(group.id))).toMatchObject({ name: group.name, memberCount: 1 });
    expect(await asRole("admin", () => getGroup("no-such-group"))).toBeNull();
    expect(await asRole("admin", () => getGroup("a/b"))).toBeNull();
  });

  it("listGroupOptions lists every group by name for any reader", async () => {
    const tag = unique("opt");
    const b = await asRole("admin", () => createGroup({ name: `${tag} B` }));
    const a = await asRole("admin", () => createGroup({ name: `${tag} a` }));
    const options = (await asRole("approver", () => listGroupOptions())).filter((o) => o.name.startsWith(tag));
    expect(options).toEqual([
      { id: a.id, name: a.name },
      { id: b.id, name: b.name },
    ]);
  });
});
