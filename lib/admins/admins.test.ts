import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAs } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/passwords";
import { EMAIL_TAKEN } from "@/lib/schemas/admin";
import { asRole, makeAdmin, unique } from "@/test/factories";
import { changeAdminRole } from "./change-admin-role";
import { createAdmin } from "./create-admin";
import { listAdmins } from "./list-admins";
import { resetAdminPassword } from "./reset-admin-password";
import { disableAdmin, enableAdmin } from "./set-admin-disabled";

const params = { page: 1, pageSize: 25, sort: "name" as const, dir: "asc" as const, q: "" };

function newEmail(prefix = "op") {
  return `${unique(prefix)}@example.test`;
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[] | undefined>> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (error instanceof z.ZodError) return z.flattenError(error).fieldErrors as Record<string, string[]>;
  if (error instanceof DomainError) return error.fieldErrors;
  throw new Error(`expected a validation or conflict error, got ${String(error)}`);
}

/** An operator with a known password, stored directly (arranging state). */
async function storedOperator(role: "admin" | "approver" | "auditor", password = "old-password-123", disabled = false) {
  return db.admin.create({
    data: { email: newEmail(role), name: `Op ${unique()}`, role, disabled, passwordHash: await hashPassword(password) },
  });
}

function auditRows(targetId: string, action?: string) {
  return db.auditLog.findMany({ where: { targetId, targetType: "admin", ...(action ? { action } : {}) } });
}

describe("createAdmin", () => {
  it("admin adds an operator with a typed password; the email is stored lower-case and the audit row holds no secret", async () => {
    const email = newEmail("Typed").toUpperCase();
    const result = await asRole("admin", () =>
      createAdmin({ name: " Ada Lovelace ", email, role: "auditor", slackUserId: "u0123abcd", passwordMode: "type", password: "a typed password!" }),
    );
    expect(result.generatedPassword).toBeUndefined();
    expect(result.admin).toMatchObject({ name: "Ada Lovelace", email: email.toLowerCase(), role: "auditor", disabled: false, slackUserId: "U0123ABCD", lastSignInAt: null });
    expect(result.admin).not.toHaveProperty("passwordHash");
    const stored = await db.admin.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(await verifyPassword(stored.passwordHash, "a typed password!")).toBe(true);
    const [audit] = await auditRows(stored.id, "admin.create");
    expect(audit.targetLabel).toBe(email.toLowerCase());
    expect(JSON.parse(audit.after ?? "null")).toEqual({ name: "Ada Lovelace", email: email.toLowerCase(), role: "auditor", disabled: false, slackUserId: "U0123ABCD" });
    expect(`${audit.before}${audit.after}`).not.toMatch(/typed password|argon2|passwordHash/);
  });

  it("generates a password when asked, returns it once and stores only its hash", async () => {
    const email = newEmail("gen");
    const result = await asRole("admin", () => createAdmin({ name: "Gen", email, role: "approver", passwordMode: "generate" }));
    expect(result.generatedPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const stored = await db.admin.findUniqueOrThrow({ where: { email } });
    expect(stored.passwordHash).not.toContain(result.generatedPassword);
    expect(await verifyPassword(stored.passwordHash, result.generatedPassword ?? "")).toBe(true);
    const [audit] = await auditRows(stored.id, "admin.create");
    expect(`${audit.after}`).not.toContain(result.generatedPassword);
  });

  it("refuses an email another operator holds, in any case, as a field error", async () => {
    const email = newEmail("dup");
    await asRole("admin", () => createAdmin({ name: "First", email, role: "auditor" }));
    const errors = await fieldErrorsOf(asRole("admin", () => createAdmin({ name: "Second", email: email.toUpperCase(), role: "admin" })));
    expect(errors.email).toEqual([EMAIL_TAKEN]);
    expect(await db.admin.count({ where: { email } })).toBe(1);
  });

  it.each([
    [{ name: "" }, "name", "Name is required."],
    [{ name: "x".repeat(129) }, "name", "Name must be at most 128 characters."],
    [{ email: "not-an-email" }, "email", "Enter a valid email address, like name@example.com."],
    [{ role: "owner" }, "role", "Choose a role."],
    [{ slackUserId: "alice" }, "slackUserId", "Slack user id looks like U0123ABCD (open the person's Slack profile, then Copy member ID)."],
    [{ passwordMode: "type", password: "short" }, "password", "Password must be at least 12 characters."],
    [{ passwordMode: "type" }, "password", "Password must be at least 12 characters."],
    [{ passwordMode: "type", password: "p".repeat(257) }, "password", "Password must be at most 256 characters."],
  ])("refuses %j with the exact %s message and stores nothing", async (override, field, message) => {
    const email = newEmail("invalid");
    const input = { name: "Valid Name", email, role: "auditor", ...override };
    const errors = await fieldErrorsOf(asRole("admin", () => createAdmin(input as Parameters<typeof createAdmin>[0])));
    expect(errors[field]).toEqual([message]);
    expect(await db.admin.count({ where: { email } })).toBe(0);
  });
});

describe("changeAdminRole", () => {
  it("changes the role, ends open sessions and records before -> after", async () => {
    const target = await storedOperator("approver");
    const row = await asRole("admin", () => changeAdminRole(target.id, { role: "auditor" }));
    expect(row.role).toBe("auditor");
    const stored = await db.admin.findUniqueOrThrow({ where: { id: target.id } });
    expect(stored.sessionVersion).toBe(target.sessionVersion + 1);
    const [audit] = await auditRows(target.id, "admin.role.change");
    expect(JSON.parse(audit.before ?? "null")).toEqual({ role: "approver" });
    expect(JSON.parse(audit.after ?? "null")).toEqual({ role: "auditor" });
  });

  it("demotes an admin while another active admin remains", async () => {
    const target = await storedOperator("admin");
    // The acting admin is active, so the target is not the last one.
    expect((await asRole("admin", () => changeAdminRole(target.id, { role: "approver" }))).role).toBe("approver");
  });

  it("keeps the same role without a new session version or audit row", async () => {
    const target = await storedOperator("auditor");
    await asRole("admin", () => changeAdminRole(target.id, { role: "auditor" }));
    expect((await db.admin.findUniqueOrThrow({ where: { id: target.id } })).sessionVersion).toBe(target.sessionVersion);
    expect(await auditRows(target.id)).toHaveLength(0);
  });

  it("refuses an unknown role and an unknown operator", async () => {
    const target = await storedOperator("auditor");
    expect((await fieldErrorsOf(asRole("admin", () => changeAdminRole(target.id, { role: "root" })))).role).toEqual(["Choose a role."]);
    await expect(asRole("admin", () => changeAdminRole("nobody-here", { role: "auditor" }))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("disableAdmin / enableAdmin", () => {
  it("disables an operator, ends their sessions and refuses their sign-in until enabled again", async () => {
    const target = await storedOperator("approver");
    const disabled = await asRole("admin", () => disableAdmin(target.id));
    expect(disabled.disabled).toBe(true);
    const afterDisable = await db.admin.findUniqueOrThrow({ where: { id: target.id } });
    expect(afterDisable.sessionVersion).toBe(target.sessionVersion + 1);

    const enabled = await asRole("admin", () => enableAdmin(target.id));
    expect(enabled.disabled).toBe(false);
    const afterEnable = await db.admin.findUniqueOrThrow({ where: { id: target.id } });
    expect(afterEnable.sessionVersion).toBe(target.sessionVersion + 2);

    const audit = await auditRows(target.id);
    expect(audit.map((a) => [a.action, JSON.parse(a.before ?? "null"), JSON.parse(a.after ?? "null")]).sort()).toEqual([
      ["admin.disable", { disabled: false }, { disabled: true }],
      ["admin.enable", { disabled: true }, { disabled: false }],
    ]);
  });

  it("disabling twice changes nothing the second time", async () => {
    const target = await storedOperator("auditor");
    await asRole("admin", async () => {
      await disableAdmin(target.id);
      await disableAdmin(target.id);
    });
    expect((await db.admin.findUniqueOrThrow({ where: { id: target.id } })).sessionVersion).toBe(target.sessionVersion + 1);
    expect(await auditRows(target.id, "admin.disable")).toHaveLength(1);
  });
});

describe("resetAdminPassword", () => {
  it("sets a typed password: the old one stops working, the new one works, sessions end", async () => {
    const target = await storedOperator("auditor", "the-old-password");
    const result = await asRole("admin", () => resetAdminPassword(target.id, { passwordMode: "type", password: "the-new-password" }));
    expect(result.generatedPassword).toBeUndefined();
    const stored = await db.admin.findUniqueOrThrow({ where: { id: target.id } });
    expect(await verifyPassword(stored.passwordHash, "the-old-password")).toBe(false);
    expect(await verifyPassword(stored.passwordHash, "the-new-password")).toBe(true);
    expect(stored.sessionVersion).toBe(target.sessionVersion + 1);
    const [audit] = await auditRows(target.id, "admin.password.reset");
    expect(audit.before).toBeNull();
    expect(JSON.parse(audit.after ?? "null")).toEqual({ passwordSource: "typed", sessionsEnded: true });
    expect(`${audit.after}`).not.toMatch(/the-new-password|argon2/);
  });

  it("generates a password that works and is returned once", async () => {
    const target = await storedOperator("approver", "the-old-password");
    const { generatedPassword } = await asRole("admin", () => resetAdminPassword(target.id, { passwordMode: "generate" }));
    const stored = await db.admin.findUniqueOrThrow({ where: { id: target.id } });
    expect(await verifyPassword(stored.passwordHash, generatedPassword ?? "")).toBe(true);
    expect(await verifyPassword(stored.passwordHash, "the-old-password")).toBe(false);
  });

  it("refuses a short typed password and keeps the old one", async () => {
    const target = await storedOperator("auditor", "the-old-password");
    const errors = await fieldErrorsOf(asRole("admin", () => resetAdminPassword(target.id, { passwordMode: "type", password: "too-short" })));
    expect(errors.password).toEqual(["Password must be at least 12 characters."]);
    const stored = await db.admin.findUniqueOrThrow({ where: { id: target.id } });
    expect(await verifyPassword(stored.passwordHash, "the-old-password")).toBe(true);
    expect(stored.sessionVersion).toBe(target.sessionVersion);
  });
});

describe("listAdmins", () => {
  it("searches name case-insensitively and email, sorts and pages, without password hashes", async () => {
    const token = unique("zq");
    for (const name of ["Charlie", "alice", "Bob"]) {
      await storedOperator("auditor").then((a) => db.admin.update({ where: { id: a.id }, data: { name: `${name} ${token}` } }));
    }
    const page = await asRole("admin", () => listAdmins({ ...params, q: token.toUpperCase() }));
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.name)).toEqual([`alice ${token}`, `Bob ${token}`, `Charlie ${token}`]);
    expect(page.rows[0]).not.toHaveProperty("passwordHash");

    const desc = await asRole("admin", () => listAdmins({ ...params, q: token, dir: "desc", pageSize: 2 }));
    expect(desc.rows.map((r) => r.name)).toEqual([`Charlie ${token}`, `Bob ${token}`]);
    const second = await asRole("admin", () => listAdmins({ ...params, q: token, dir: "desc", pageSize: 2, page: 2 }));
    expect(second.rows.map((r) => r.name)).toEqual([`alice ${token}`]);

    const one = await storedOperator("approver");
    const byEmail = await asRole("admin", () => listAdmins({ ...params, q: one.email.slice(0, -3).toUpperCase() }));
    expect(byEmail.rows.map((r) => r.id)).toEqual([one.id]);
  });

  it("sorts by last sign-in with never-signed-in operators last", async () => {
    const token = unique("ls");
    const [early, late, never] = await Promise.all([storedOperator("auditor"), storedOperator("auditor"), storedOperator("auditor")]);
    await db.admin.update({ where: { id: early.id }, data: { name: `${token} a`, lastSignInAt: new Date("2026-01-01T00:00:00Z") } });
    await db.admin.update({ where: { id: late.id }, data: { name: `${token} b`, lastSignInAt: new Date("2026-02-01T00:00:00Z") } });
    await db.admin.update({ where: { id: never.id }, data: { name: `${token} c` } });
    const asc = await asRole("admin", () => listAdmins({ ...params, q: token, sort: "lastSignInAt" }));
    expect(asc.rows.map((r) => r.id)).toEqual([early.id, late.id, never.id]);
    const desc = await asRole("admin", () => listAdmins({ ...params, q: token, sort: "lastSignInAt", dir: "desc" }));
    expect(desc.rows.map((r) => r.id)).toEqual([late.id, early.id, never.id]);
  });
});

describe("permissions", () => {
  it.each(["auditor", "approver"] as const)("%s cannot list operators", async (role) => {
    await expect(asRole(role, () => listAdmins(params))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it.each(["auditor", "approver"] as const)("%s is refused every operator change and nothing changes", async (role) => {
    const target = await storedOperator("approver", "the-old-password");
    const email = newEmail("denied");
    const actor = await makeAdmin(role);
    await runAs(actor, async () => {
      await expect(createAdmin({ name: "Nope", email, role: "admin", passwordMode: "generate" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(changeAdminRole(target.id, { role: "admin" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(disableAdmin(target.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(enableAdmin(target.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(resetAdminPassword(target.id, { passwordMode: "type", password: "a-new-password" })).rejects.toBeInstanceOf(ForbiddenError);
      // Not even on themselves.
      await expect(changeAdminRole(actor.id, { role: "admin" })).rejects.toBeInstanceOf(ForbiddenError);
    });
    expect(await db.admin.count({ where: { email } })).toBe(0);
    const stored = await db.admin.findUniqueOrThrow({ where: { id: target.id } });
    expect(stored).toMatchObject({ role: "approver", disabled: false, sessionVersion: target.sessionVersion });
    expect(await verifyPassword(stored.passwordHash, "the-old-password")).toBe(true);
    expect((await db.admin.findUniqueOrThrow({ where: { id: actor.id } })).role).toBe(role);
    expect(await auditRows(target.id)).toHaveLength(0);
  });
});
