import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { asRole, insertUser, unique } from "@/test/factories";
import { createUser } from "./create-user";
import { deleteUsers } from "./delete-users";
import { setUsersActive } from "./set-users-active";
import { updateUser } from "./update-user";

const NOT_FOUND = "That record no longer exists. Reload the page.";
const FORBIDDEN = "You do not have permission to do this.";

async function makeGroup() {
  const name = unique("Group ");
  return db.group.create({ data: { name, nameKey: name.toLowerCase() } });
}

describe("setUsersActive", () => {
  it("deactivates and reactivates one user with an audit row each time", async () => {
    const user = await insertUser();
    await asRole("admin", async (actor) => {
      expect(await setUsersActive([user.id], false)).toEqual({ changed: 1 });
      expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).active).toBe(false);
      expect(await setUsersActive([user.id], true)).toEqual({ changed: 1 });
      expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).active).toBe(true);
      const audits = await db.auditLog.findMany({ where: { targetId: user.id }, orderBy: { at: "asc" } });
      expect(audits.map((a) => [a.action, a.actorId, a.before, a.after])).toEqual([
        ["user.deactivate", actor.id, '{"active":true}', '{"active":false}'],
        ["user.reactivate", actor.id, '{"active":false}', '{"active":true}'],
      ]);
    });
  });

  it("changes many at once and skips (without auditing) those already in that state", async () => {
    const a = await insertUser();
    const b = await insertUser({ active: false });
    const c = await insertUser();
    await asRole("admin", async () => {
      expect(await setUsersActive([a.id, b.id, c.id, a.id], false)).toEqual({ changed: 2 });
    });
    expect(await db.user.count({ where: { id: { in: [a.id, b.id, c.id] }, active: false } })).toBe(3);
    expect(await db.auditLog.count({ where: { targetId: b.id } })).toBe(0);
  });

  it("refuses the whole batch when one id is tampered with, changing nothing", async () => {
    const a = await insertUser();
    const group = await makeGroup();
    await asRole("admin", async () => {
      await expect(setUsersActive([a.id, "no-such-user"], false)).rejects.toThrow(NOT_FOUND);
      await expect(setUsersActive([a.id, group.id], false)).rejects.toThrow(NOT_FOUND);
      await expect(setUsersActive([a.id, "x y"], false)).rejects.toThrow(NOT_FOUND);
      await expect(setUsersActive([], false)).rejects.toThrow(NOT_FOUND);
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: a.id } })).active).toBe(true);
    expect(await db.auditLog.count({ where: { targetId: a.id } })).toBe(0);
  });
});

describe("deleteUsers", () => {
  it("deletes one user with their memberships; reports lose their manager; the audit row keeps a snapshot", async () => {
    const user = await insertUser();
    const report = await insertUser();
    await db.user.update({ where: { id: report.id }, data: { managerId: user.id } });
    const group = await makeGroup();
    await db.groupMember.create({ data: { groupId: group.id, userId: user.id } });
    await asRole("admin", async (actor) => {
      expect(await deleteUsers([user.id])).toEqual({ deleted: 1 });
      expect(await db.user.findUnique({ where: { id: user.id } })).toBeNull();
      expect(await db.groupMember.count({ where: { userId: user.id } })).toBe(0);
      expect(await db.group.findUnique({ where: { id: group.id } })).not.toBeNull();
      expect((await db.user.findUniqueOrThrow({ where: { id: report.id } })).managerId).toBeNull();
      const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: user.id, action: "user.delete" } });
      expect(audit.actorId).toBe(actor.id);
      expect(JSON.parse(audit.before ?? "{}")).toMatchObject({ userName: user.userName, email: user.email, groups: [{ id: group.id, name: group.name }] });
    });
  });

  it("deletes many at once, including a manager and their report together", async () => {
    const a = await insertUser();
    const b = await insertUser();
    await db.user.update({ where: { id: b.id }, data: { managerId: a.id } });
    await asRole("admin", async () => {
      expect(await deleteUsers([a.id, b.id])).toEqual({ deleted: 2 });
    });
    expect(await db.user.count({ where: { id: { in: [a.id, b.id] } } })).toBe(0);
    expect(await db.auditLog.count({ where: { targetId: { in: [a.id, b.id] }, action: "user.delete" } })).toBe(2);
  });

  it("refuses the whole batch when one id is tampered with, deleting nothing", async () => {
    const a = await insertUser();
    const group = await makeGroup();
    await db.groupMember.create({ data: { groupId: group.id, userId: a.id } });
    await asRole("admin", async () => {
      await expect(deleteUsers([a.id, group.id])).rejects.toThrow(NOT_FOUND);
      await expect(deleteUsers([a.id, "no-such-user"])).rejects.toThrow(NOT_FOUND);
    });
    expect(await db.user.count({ where: { id: a.id } })).toBe(1);
    expect(await db.groupMember.count({ where: { userId: a.id } })).toBe(1);
  });
});

describe.each(["auditor", "approver"] as const)("a %s", (role) => {
  it("cannot create, edit, deactivate, reactivate or delete users, and nothing changes", async () => {
    const user = await insertUser();
    const off = await insertUser({ active: false });
    const userName = unique("denied");
    await asRole(role, async () => {
      await expect(createUser({ userName, email: `${userName}@example.test`, firstName: "No", lastName: "Way" })).rejects.toThrow(FORBIDDEN);
      await expect(updateUser(user.id, { userName: user.userName, email: user.email, firstName: "Hacked", lastName: "User" })).rejects.toThrow(FORBIDDEN);
      await expect(setUsersActive([user.id], false)).rejects.toThrow(FORBIDDEN);
      await expect(setUsersActive([off.id], true)).rejects.toThrow(FORBIDDEN);
      await expect(deleteUsers([user.id, off.id])).rejects.toThrow(FORBIDDEN);
      // Invalid input is refused for the role first, not validated.
      await expect(createUser({ userName: "", email: "", firstName: "", lastName: "" })).rejects.toThrow(FORBIDDEN);
    });
    expect(await db.user.count({ where: { userNameKey: userName.toLowerCase() } })).toBe(0);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ firstName: "Test", active: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: off.id } })).active).toBe(false);
    expect(await db.auditLog.count({ where: { targetId: { in: [user.id, off.id] } } })).toBe(0);
  });
});
