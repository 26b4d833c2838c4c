import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { UserInputRaw } from "@/lib/schemas/user";
import { asRole, insertUser, unique } from "@/test/factories";
import { createUser } from "./create-user";
import { updateUser } from "./update-user";

function input(overrides: Partial<UserInputRaw> = {}): UserInputRaw {
  const userName = unique("new.user");
  return { userName, email: `${userName}@Example.test`, firstName: "Ana", lastName: "López", ...overrides };
}

/** The field errors a rejected call carries (zod or domain). */
async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.fieldErrors;
    const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    if (issues) {
      const out: Record<string, string[]> = {};
      for (const issue of issues) (out[String(issue.path[0])] ??= []).push(issue.message);
      return out;
    }
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("createUser", () => {
  it("admin creates a user with every attribute; search text, key and audit row are written together", async () => {
    const manager = await insertUser();
    await asRole("admin", async (actor) => {
      const values = input({
        userName: unique("Mixed.Case"),
        displayName: "Ana L.",
        title: "<script>alert(1)</script>",
        department: "Sales",
        phone: "+1 (555) 010-2030",
        employeeNumber: "E-1001",
        managerId: manager.id,
        customAttributes: { costCenter: "42", "badge.color": "blue" },
      });
      const { id } = await createUser(values);
      const user = await db.user.findUniqueOrThrow({ where: { id } });
      expect(user).toMatchObject({
        userName: values.userName,
        userNameKey: values.userName.toLowerCase(),
        email: String(values.email).toLowerCase(),
        displayName: "Ana L.",
        title: "<script>alert(1)</script>",
        managerId: manager.id,
        active: true,
      });
      expect(JSON.parse(user.customAttributes)).toEqual({ costCenter: "42", "badge.color": "blue" });
      expect(user.searchText).toContain(values.userName.toLowerCase());
      expect(user.searchText).toContain("ana lópez");
      const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: id, action: "user.create" } });
      expect(audit).toMatchObject({ actorId: actor.id, actorEmail: actor.email, targetType: "user", targetLabel: values.userName, before: null });
      expect(JSON.parse(audit.after ?? "{}")).toMatchObject({ userName: values.userName, managerId: manager.id, customAttributes: { costCenter: "42" } });
    });
  });

  it("defaults the display name to first and last name", async () => {
    await asRole("admin", async () => {
      const { id } = await createUser(input({ firstName: "José", lastName: "Müller" }));
      expect((await db.user.findUniqueOrThrow({ where: { id } })).displayName).toBe("José Müller");
    });
  });

  it.each([
    [{ userName: "" }, "userName", "User name is required."],
    [{ userName: "has space" }, "userName", "User name must not contain spaces."],
    [{ userName: "x".repeat(129) }, "userName", "User name must be at most 128 characters."],
    [{ email: "" }, "email", "Email is required."],
    [{ email: "nope" }, "email", "Enter a valid email address, like name@example.com."],
    [{ firstName: " " }, "firstName", "First name is required."],
    [{ lastName: "" }, "lastName", "Last name is required."],
    [{ lastName: "y".repeat(65) }, "lastName", "Last name must be at most 64 characters."],
    [{ displayName: "d".repeat(129) }, "displayName", "Display name must be at most 128 characters."],
    [{ title: "a\tb" }, "title", "Title must not contain control characters."],
    [{ department: "d".repeat(129) }, "department", "Department must be at most 128 characters."],
    [{ phone: "call me" }, "phone", "Phone may contain digits, spaces and + ( ) . / - only."],
    [{ employeeNumber: "e".repeat(65) }, "employeeNumber", "Employee number must be at most 64 characters."],
    [{ managerId: "bad id!" }, "managerId", "Invalid id."],
    [{ customAttributes: { "9lives": "x" } }, "customAttributes", "Attribute names start with a letter and use letters, digits, _ . - (max 64)."],
  ] as [Partial<UserInputRaw>, string, string][])("refuses %o with the message on %s, and stores nothing", async (patch, field, message) => {
    await asRole("admin", async () => {
      const values = input(patch);
      expect((await fieldErrorsOf(createUser(values)))[field]).toContain(message);
      expect(await db.user.count({ where: { userNameKey: String(values.userName).toLowerCase() } })).toBe(0);
    });
  });

  it("refuses a taken user name (any case) and a taken email on their fields", async () => {
    const taken = await insertUser({ userName: unique("Taken.Name") });
    await asRole("admin", async () => {
      expect(await fieldErrorsOf(createUser(input({ userName: taken.userName.toUpperCase() })))).toEqual({
        userName: ["A user with this user name already exists."],
      });
      expect(await fieldErrorsOf(createUser(input({ email: taken.email.toUpperCase() })))).toEqual({
        email: ["A user with this email already exists."],
      });
      expect(await fieldErrorsOf(createUser(input({ userName: taken.userName, email: taken.email })))).toEqual({
        userName: ["A user with this user name already exists."],
        email: ["A user with this email already exists."],
      });
    });
    expect(await db.user.count({ where: { OR: [{ userNameKey: taken.userNameKey }, { email: taken.email }] } })).toBe(1);
  });

  it("maps a unique-constraint race to the field message", async () => {
    await asRole("admin", async () => {
      const values = input();
      const results = await Promise.allSettled([createUser(values), createUser({ ...values })]);
      const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(failures).toHaveLength(1);
      expect(failures[0].reason).toBeInstanceOf(DomainError);
      expect(failures[0].reason.message).toMatch(/^A user with this (user name|email) already exists\.$/);
    });
  });

  it("refuses a manager that does not exist", async () => {
    await asRole("admin", async () => {
      expect(await fieldErrorsOf(createUser(input({ managerId: "no-such-user" })))).toEqual({
        managerId: ["The selected manager does not exist. Choose another user."],
      });
    });
  });
});

describe("updateUser", () => {
  it("admin edits every attribute; keys stay in sync and the audit row holds only the changes", async () => {
    const user = await insertUser();
    const manager = await insertUser();
    await asRole("admin", async (actor) => {
      const userName = unique("Renamed");
      await updateUser(user.id, {
        userName,
        email: `${userName}@example.test`,
        firstName: "Test",
        lastName: "User",
        title: "Engineer",
        managerId: manager.id,
        customAttributes: { floor: "3" },
      });
      const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(after).toMatchObject({ userName, userNameKey: userName.toLowerCase(), title: "Engineer", managerId: manager.id });
      expect(after.searchText).toContain(userName.toLowerCase());
      expect(after.searchText).not.toContain(user.userNameKey);
      const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: user.id, action: "user.update" } });
      expect(audit.actorId).toBe(actor.id);
      expect(JSON.parse(audit.before ?? "{}")).toEqual({ userName: user.userName, email: user.email, title: null, managerId: null, customAttributes: {} });
      expect(JSON.parse(audit.after ?? "{}")).toEqual({ userName, email: `${userName}@example.test`.toLowerCase(), title: "Engineer", managerId: manager.id, customAttributes: { floor: "3" } });
    });
  });

  it("lets a user keep their own user name and email, in another case", async () => {
    const user = await insertUser({ userName: unique("Keep.Me") });
    await asRole("admin", async () => {
      await updateUser(user.id, { userName: user.userName.toUpperCase(), email: user.email.toUpperCase(), firstName: "Test", lastName: "User" });
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).userName).toBe(user.userName.toUpperCase());
  });

  it("refuses another user's user name and email on their fields, changing nothing", async () => {
    const user = await insertUser();
    const other = await insertUser();
    await asRole("admin", async () => {
      const base = { firstName: "Changed", lastName: "Name" };
      expect(await fieldErrorsOf(updateUser(user.id, { ...base, userName: other.userName.toUpperCase(), email: user.email }))).toEqual({
        userName: ["A user with this user name already exists."],
      });
      expect(await fieldErrorsOf(updateUser(user.id, { ...base, userName: user.userName, email: other.email }))).toEqual({
        email: ["A user with this email already exists."],
      });
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ firstName: "Test", email: user.email });
  });

  it("refuses the user as their own manager, a missing manager and a reporting loop", async () => {
    const boss = await insertUser();
    const report = await insertUser();
    await db.user.update({ where: { id: report.id }, data: { managerId: boss.id } });
    const indirect = await insertUser();
    await db.user.update({ where: { id: indirect.id }, data: { managerId: report.id } });
    const same = (u: typeof boss, managerId: string) => ({ userName: u.userName, email: u.email, firstName: "Test", lastName: "User", managerId });
    await asRole("admin", async () => {
      expect(await fieldErrorsOf(updateUser(boss.id, same(boss, boss.id)))).toEqual({ managerId: ["A user cannot be their own manager."] });
      expect(await fieldErrorsOf(updateUser(boss.id, same(boss, "missing-manager")))).toEqual({
        managerId: ["The selected manager does not exist. Choose another user."],
      });
      expect(await fieldErrorsOf(updateUser(boss.id, same(boss, report.id)))).toEqual({
        managerId: ["This manager already reports to this user, directly or indirectly."],
      });
      expect(await fieldErrorsOf(updateUser(boss.id, same(boss, indirect.id)))).toEqual({
        managerId: ["This manager already reports to this user, directly or indirectly."],
      });
      // Clearing the manager is always allowed.
      await updateUser(report.id, same(report, ""));
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: boss.id } })).managerId).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: report.id } })).managerId).toBeNull();
  });

  it("refuses a tampered id (another record's id, unknown, malformed) as not found", async () => {
    const name = unique("Group ");
    const group = await db.group.create({ data: { name, nameKey: name.toLowerCase() } });
    await asRole("admin", async () => {
      for (const id of [group.id, "no-such-user", "../x"]) {
        await expect(updateUser(id, input())).rejects.toThrow("That record no longer exists. Reload the page.");
      }
    });
  });
});
