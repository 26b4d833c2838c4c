import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { asRole, insertUser, unique } from "@/test/factories";
import { addGroupMembers } from "./add-group-members";
import { createGroup } from "./create-group";
import { listGroupMembers } from "./list-group-members";
import { removeGroupMembers } from "./remove-group-members";
import { searchGroupCandidates } from "./search-group-candidates";

const params = { page: 1, pageSize: 25, sort: "userName" as const, dir: "asc" as const, q: "" };

async function newGroup() {
  return asRole("admin", () => createGroup({ name: unique("Members ") }));
}

async function memberIds(groupId: string) {
  const rows = await db.groupMember.findMany({ where: { groupId }, select: { userId: true } });
  return rows.map((r) => r.userId).sort();
}

async function audits(groupId: string, action: string) {
  return db.auditLog.findMany({ where: { targetId: groupId, action } });
}

describe("addGroupMembers", () => {
  it("adds users once, skips existing members, and writes one audit row per call that changed something", async () => {
    const group = await newGroup();
    const [a, b, c] = await Promise.all([insertUser(), insertUser(), insertUser()]);
    expect(await asRole("admin", () => addGroupMembers(group.id, [a.id, b.id, a.id]))).toEqual({ added: 2 });
    expect(await asRole("admin", () => addGroupMembers(group.id, [a.id, b.id, c.id]))).toEqual({ added: 1 });
    expect(await asRole("admin", () => addGroupMembers(group.id, [a.id, c.id]))).toEqual({ added: 0 });
    expect(await memberIds(group.id)).toEqual([a.id, b.id, c.id].sort());
    const rows = await audits(group.id, "group.members.add");
    expect(rows).toHaveLength(2);
    const afters = rows.map((r) => JSON.parse(r.after ?? "null") as { userIds: string[]; count: number });
    expect(afters).toContainEqual({ userIds: [c.id], count: 1 });
    expect(rows[0]).toMatchObject({ targetType: "group", targetLabel: group.name });
  });

  it("adds more than one chunk (1,200 users) in one call", async () => {
    const group = await newGroup();
    const tag = unique("bulk");
    const ids = Array.from({ length: 1200 }, (_, i) => `${tag}${i}`);
    await db.user.createMany({
      data: ids.map((id) => ({ id, userName: id, userNameKey: id, email: `${id}@example.test`, firstName: "B", lastName: "U", displayName: "B U", searchText: id })),
    });
    expect(await asRole("admin", () => addGroupMembers(group.id, ids))).toEqual({ added: 1200 });
    expect(await db.groupMember.count({ where: { groupId: group.id } })).toBe(1200);
    expect(await asRole("admin", () => removeGroupMembers(group.id, ids.slice(0, 700)))).toEqual({ removed: 700 });
    expect(await db.groupMember.count({ where: { groupId: group.id } })).toBe(500);
  });

  it("refuses the whole list when one user does not exist, and adds nobody", async () => {
    const group = await newGroup();
    const user = await insertUser();
    await expect(asRole("admin", () => addGroupMembers(group.id, [user.id, "no-such-user"]))).rejects.toBeInstanceOf(NotFoundError);
    await expect(asRole("admin", () => addGroupMembers(group.id, [user.id, "bad id!"]))).rejects.toBeInstanceOf(NotFoundError);
    expect(await memberIds(group.id)).toEqual([]);
    expect(await audits(group.id, "group.members.add")).toHaveLength(0);
  });

  it("refuses a group that does not exist", async () => {
    const user = await insertUser();
    await expect(asRole("admin", () => addGroupMembers("no-such-group", [user.id]))).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.groupMember.count({ where: { userId: user.id } })).toBe(0);
  });

  it.each(["auditor", "approver"] as const)("%s cannot add members and nothing changes", async (role) => {
    const group = await newGroup();
    const user = await insertUser();
    await expect(asRole(role, () => addGroupMembers(group.id, [user.id]))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await memberIds(group.id)).toEqual([]);
  });
});

describe("removeGroupMembers", () => {
  it("removes members, skips non-members, and audits what was removed", async () => {
    const group = await newGroup();
    const [a, b, c, outsider] = await Promise.all([insertUser(), insertUser(), insertUser(), insertUser()]);
    await asRole("admin", () => addGroupMembers(group.id, [a.id, b.id, c.id]));
    expect(await asRole("admin", () => removeGroupMembers(group.id, [a.id, b.id, outsider.id]))).toEqual({ removed: 2 });
    expect(await asRole("admin", () => removeGroupMembers(group.id, [a.id]))).toEqual({ removed: 0 });
    expect(await memberIds(group.id)).toEqual([c.id]);
    const rows = await audits(group.id, "group.members.remove");
    expect(rows).toHaveLength(1);
    const after = JSON.parse(rows[0].after ?? "null") as { userIds: string[]; count: number };
    expect(after.count).toBe(2);
    expect([...after.userIds].sort()).toEqual([a.id, b.id].sort());
  });

  it("refuses an unknown user or group and removes nothing", async () => {
    const group = await newGroup();
    const user = await insertUser();
    await asRole("admin", () => addGroupMembers(group.id, [user.id]));
    await expect(asRole("admin", () => removeGroupMembers(group.id, [user.id, "ghost-user"]))).rejects.toBeInstanceOf(NotFoundError);
    await expect(asRole("admin", () => removeGroupMembers("ghost-group", [user.id]))).rejects.toBeInstanceOf(NotFoundError);
    expect(await memberIds(group.id)).toEqual([user.id]);
  });

  it.each(["auditor", "approver"] as const)("%s cannot remove members and nothing changes", async (role) => {
    const group = await newGroup();
    const user = await insertUser();
    await asRole("admin", () => addGroupMembers(group.id, [user.id]));
    await expect(asRole(role, () => removeGroupMembers(group.id, [user.id]))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await memberIds(group.id)).toEqual([user.id]);
    expect(await audits(group.id, "group.members.remove")).toHaveLength(0);
  });
});

describe("listGroupMembers and searchGroupCandidates", () => {
  it("lists members with search by name, email or user name and sorts by user name", async () => {
    const group = await newGroup();
    const tag = unique("m");
    const zed = await insertUser({ userName: `${tag}-zed`, firstName: "Zed", lastName: "Quill" });
    const amy = await insertUser({ userName: `${tag}-amy`, firstName: "Amy", lastName: "Ostrander" });
    await asRole("admin", () => addGroupMembers(group.id, [zed.id, amy.id]));
    const all = await asRole("auditor", () => listGroupMembers(group.id, params));
    expect(all.total).toBe(2);
    expect(all.rows.map((r) => r.userName)).toEqual([amy.userName, zed.userName]);
    expect(all.rows[0]).toMatchObject({ userId: amy.id, displayName: "Amy Ostrander", email: amy.email, active: true });
    const desc = await asRole("admin", () => listGroupMembers(group.id, { ...params, dir: "desc" }));
    expect(desc.rows.map((r) => r.userId)).toEqual([zed.id, amy.id]);
    const byName = await asRole("admin", () => listGroupMembers(group.id, { ...params, q: "OSTRANDER" }));
    expect(byName.rows.map((r) => r.userId)).toEqual([amy.id]);
    const byEmail = await asRole("admin", () => listGroupMembers(group.id, { ...params, q: zed.email }));
    expect(byEmail.rows.map((r) => r.userId)).toEqual([zed.id]);
    const byDisplay = await asRole("admin", () => listGroupMembers(group.id, { ...params, sort: "displayName" }));
    expect(byDisplay.rows.map((r) => r.userId)).toEqual([amy.id, zed.id]);
  });

  it("refuses to list members of an unknown group", async () => {
    await expect(asRole("admin", () => listGroupMembers("ghost-group", params))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("finds users not yet in the group, case-insensitively", async () => {
    const group = await newGroup();
    const tag = unique("cand");
    const [inside, outside, other] = await Promise.all([
      insertUser({ userName: `${tag}-in` }),
      insertUser({ userName: `${tag}-out` }),
      insertUser({ userName: unique("elsewhere") }),
    ]);
    await asRole("admin", () => addGroupMembers(group.id, [inside.id]));
    const found = await asRole("admin", () => searchGroupCandidates(group.id, tag.toUpperCase()));
    expect(found.rows.map((r) => r.id)).toEqual([outside.id]);
    expect(found.more).toBe(false);
    expect(found.rows.some((r) => r.id === other.id)).toBe(false);
  });

  it("says when there are more candidates than it shows", async () => {
    const group = await newGroup();
    const tag = unique("many");
    for (let i = 0; i < 21; i++) await insertUser({ userName: `${tag}-${String(i).padStart(2, "0")}` });
    const found = await asRole("admin", () => searchGroupCandidates(group.id, tag));
    expect(found.rows).toHaveLength(20);
    expect(found.more).toBe(true);
  });
});
