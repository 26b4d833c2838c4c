import { describe, expect, it } from "vitest";
import { runAs } from "@/lib/authz";
import { db } from "@/lib/db";
import { asRole, insertUser, makeAdmin, unique } from "@/test/factories";
import { getUser } from "./get-user";
import { listGroupChoices } from "./list-group-choices";
import { listUsers } from "./list-users";
import { searchUserChoices } from "./search-user-choices";

/** Five users sharing a unique token in their last name, one deactivated, two in a group. */
async function arrange() {
  const token = unique("tok");
  const users = [];
  for (const [i, first] of ["Carla", "alice", "Bob", "dave", "Eve"].entries()) {
    users.push(await insertUser({ userName: `${first}.${token}`, firstName: first, lastName: `Zed${token}`, active: i !== 3, department: `Dept${5 - i}` }));
  }
  const name = unique("Group ");
  const group = await db.group.create({ data: { name, nameKey: name.toLowerCase() } });
  await db.groupMember.createMany({ data: [users[0], users[2]].map((u) => ({ groupId: group.id, userId: u.id })) });
  return { token, users, group };
}

describe("listUsers", () => {
  it("searches userName, email and names case-insensitively", async () => {
    const { token, users } = await arrange();
    const admin = await makeAdmin("auditor");
    await runAs(admin, async () => {
      expect((await listUsers({ q: token.toUpperCase() })).total).toBe(5);
      const byName = await listUsers({ q: `ALICE.${token}` });
      expect(byName.rows.map((r) => r.id)).toEqual([users[1].id]);
      const byEmail = await listUsers({ q: users[2].email.toUpperCase() });
      expect(byEmail.rows.map((r) => r.id)).toEqual([users[2].id]);
      expect((await listUsers({ q: `bob zed${token}` })).total).toBe(1);
      expect((await listUsers({ q: `${token}-nobody` })).total).toBe(0);
    });
  });

  it("sorts by userName ignoring case, both directions, and by other whitelisted keys", async () => {
    const { token } = await arrange();
    await asRole("approver", async () => {
      const asc = await listUsers({ q: token, sort: "userName", dir: "asc" });
      expect(asc.rows.map((r) => r.userName.split(".")[0])).toEqual(["alice", "Bob", "Carla", "dave", "Eve"]);
      const desc = await listUsers({ q: token, sort: "userName", dir: "desc" });
      expect(desc.rows.map((r) => r.userName.split(".")[0])).toEqual(["Eve", "dave", "Carla", "Bob", "alice"]);
      const byDept = await listUsers({ q: token, sort: "department", dir: "asc" });
      expect(byDept.rows.map((r) => r.department)).toEqual(["Dept1", "Dept2", "Dept3", "Dept4", "Dept5"]);
    });
  });

  it("falls back to userName for an unknown sort key", async () => {
    const { token } = await arrange();
    await asRole("admin", async () => {
      const rows = (await listUsers({ q: token, sort: "passwordHash" as never })).rows;
      expect(rows[0].userName.startsWith("alice.")).toBe(true);
    });
  });

  it("pages with the total and clamps a page past the end to the last page", async () => {
    const { token } = await arrange();
    await asRole("admin", async () => {
      const first = await listUsers({ q: token, pageSize: 2, page: 1 });
      expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
      expect(first.rows).toHaveLength(2);
      const third = await listUsers({ q: token, pageSize: 2, page: 3 });
      expect(third.rows).toHaveLength(1);
      const beyond = await listUsers({ q: token, pageSize: 2, page: 99 });
      expect(beyond.page).toBe(3);
      expect(beyond.rows.map((r) => r.id)).toEqual(third.rows.map((r) => r.id));
      const seen = new Set([...first.rows, ...(await listUsers({ q: token, pageSize: 2, page: 2 })).rows, ...third.rows].map((r) => r.id));
      expect(seen.size).toBe(5);
    });
  });

  it("filters by status", async () => {
    const { token, users } = await arrange();
    await asRole("auditor", async () => {
      expect((await listUsers({ q: token, status: "active" })).total).toBe(4);
      const off = await listUsers({ q: token, status: "deactivated" });
      expect(off.rows.map((r) => r.id)).toEqual([users[3].id]);
      expect(off.rows[0].active).toBe(false);
      expect((await listUsers({ q: token, status: "bogus" })).total).toBe(5);
    });
  });

  it("filters by group, combined with status and search", async () => {
    const { token, users, group } = await arrange();
    await asRole("auditor", async () => {
      const inGroup = await listUsers({ groupId: group.id, sort: "userName" });
      expect(inGroup.rows.map((r) => r.id)).toEqual([users[2].id, users[0].id]);
      expect((await listUsers({ groupId: group.id, q: `carla.${token}` })).total).toBe(1);
      expect((await listUsers({ groupId: group.id, status: "deactivated" })).total).toBe(0);
      expect((await listUsers({ groupId: "no-such-group" })).total).toBe(0);
      expect((await listUsers({ groupId: "../../etc" })).total).toBe(0);
    });
  });

  it("returns rows shaped for the page, without internal columns", async () => {
    const { token } = await arrange();
    await asRole("auditor", async () => {
      const [row] = (await listUsers({ q: `alice.${token}` })).rows;
      expect(Object.keys(row).sort()).toEqual(["active", "createdAt", "department", "displayName", "email", "id", "userName"]);
      expect(typeof row.createdAt).toBe("string");
    });
  });
});

describe("getUser, searchUserChoices and listGroupChoices", () => {
  it("getUser returns manager, groups and custom attributes; unknown or malformed ids are not found", async () => {
    const { users, group } = await arrange();
    await db.user.update({ where: { id: users[0].id }, data: { managerId: users[1].id, customAttributes: JSON.stringify({ costCenter: "42" }) } });
    await asRole("approver", async () => {
      const detail = await getUser(users[0].id);
      expect(detail.manager).toEqual({ id: users[1].id, userName: users[1].userName, displayName: users[1].displayName });
      expect(detail.groups).toEqual([{ id: group.id, name: group.name }]);
      expect(detail.customAttributes).toEqual({ costCenter: "42" });
      await expect(getUser("does-not-exist")).rejects.toThrow("That record no longer exists. Reload the page.");
      await expect(getUser(group.id)).rejects.toThrow("That record no longer exists. Reload the page.");
      await expect(getUser("'; drop table")).rejects.toThrow("That record no longer exists. Reload the page.");
    });
  });

  it("searchUserChoices finds users by name and can leave one out", async () => {
    const { token, users } = await arrange();
    await asRole("auditor", async () => {
      const all = await searchUserChoices(token.toUpperCase());
      expect(all).toHaveLength(5);
      expect(all.map((c) => c.label)).toContain(`alice Zed${token} (alice.${token})`);
      const without = await searchUserChoices(token, { excludeId: users[1].id });
      expect(without.map((c) => c.id)).not.toContain(users[1].id);
      expect(await searchUserChoices(token, { limit: 2 })).toHaveLength(2);
    });
  });

  it("listGroupChoices lists groups by name", async () => {
    const { group } = await arrange();
    await asRole("auditor", async () => {
      const choices = await listGroupChoices();
      expect(choices).toContainEqual({ id: group.id, name: group.name });
      const keys = choices.map((c) => c.name.toLowerCase());
      expect(keys).toEqual([...keys].sort());
    });
  });
});
