import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { asRole, unique } from "@/test/factories";
import { createPolicy } from "./create-policy";
import { deletePolicy } from "./delete-policy";
import { getPolicy } from "./get-policy";
import { listPolicies } from "./list-policies";
import { listPolicyFormOptions } from "./list-policy-form-options";
import { updatePolicy } from "./update-policy";

const params = { page: 1, pageSize: 25, sort: "name" as const, dir: "asc" as const, q: "" };

async function seedApp(name = unique("App ")) {
  return db.app.create({ data: { name, nameKey: name.toLowerCase(), kind: "scim", baseUrl: "http://127.0.0.1:9/scim/v2", health: "connected" } });
}

async function seedGroup(name = unique("Group ")) {
  return db.group.create({ data: { name, nameKey: name.toLowerCase() } });
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => null, (e: unknown) => e);
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[] | undefined>> {
  const error = await errorOf(promise);
  if (error instanceof z.ZodError) return z.flattenError(error).fieldErrors as Record<string, string[]>;
  if (error instanceof DomainError) return error.fieldErrors;
  throw new Error(`expected a validation or conflict error, got ${String(error)}`);
}

async function arrange() {
  const app = await seedApp();
  const groups = [await seedGroup(unique("B ")), await seedGroup(unique("A "))];
  const input = {
    appId: app.id,
    groupIds: groups.map((g) => g.id),
    name: unique("Policy "),
    loginMethod: "SAML SSO" as const,
    enabled: true,
    approvalRule: "none" as const,
  };
  return { app, groups, input };
}

function audit(targetId: string, action: string) {
  return db.auditLog.findMany({ where: { targetId, action } });
}

describe("createPolicy", () => {
  it("admin creates a policy with its groups and a policy.create audit row naming app and groups", async () => {
    const { app, groups, input } = await arrange();
    const created = await asRole("admin", () => createPolicy({ ...input, name: `  ${input.name} ` }));
    const stored = await db.policy.findUniqueOrThrow({ where: { id: created.id }, include: { groups: true } });
    expect(stored).toMatchObject({ name: input.name, nameKey: input.name.toLowerCase(), appId: app.id, loginMethod: "SAML SSO", enabled: true, approvalRule: "none" });
    expect(stored.groups.map((g) => g.groupId).sort()).toEqual(groups.map((g) => g.id).sort());
    const [row] = await audit(created.id, "policy.create");
    expect(row.targetLabel).toBe(input.name);
    const after = JSON.parse(row.after ?? "null");
    expect(after).toMatchObject({ name: input.name, app: app.name, appId: app.id, loginMethod: "SAML SSO", enabled: true, approvalRule: "none" });
    // Ordered by name: "A …" before "B …".
    expect(after.groups).toEqual([groups[1].name, groups[0].name]);
  });

  it("stores an unticked checkbox as disabled and the approval rule as chosen", async () => {
    const { input } = await arrange();
    const created = await asRole("admin", () => createPolicy({ ...input, enabled: undefined, approvalRule: "deprovision", loginMethod: "None" }));
    expect(await db.policy.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ enabled: false, approvalRule: "deprovision", loginMethod: "None" });
  });

  it("refuses a name that differs only by case, as a field error, and creates nothing", async () => {
    const { input } = await arrange();
    await asRole("admin", () => createPolicy(input));
    const errors = await fieldErrorsOf(asRole("admin", () => createPolicy({ ...input, name: input.name.toUpperCase() })));
    expect(errors.name).toEqual(["A policy with this name already exists."]);
    expect(await db.policy.count({ where: { nameKey: input.name.toLowerCase() } })).toBe(1);
  });

  it.each([
    [{ name: "" }, "name", "Policy name is required."],
    [{ name: "x".repeat(101) }, "name", "Policy name must be at most 100 characters."],
    [{ groupIds: [] }, "groupIds", "Choose at least one group."],
    [{ appId: "" }, "appId", "Choose an application."],
    [{ loginMethod: "Kerberos" }, "loginMethod", "Choose a login method."],
    [{ approvalRule: "sometimes" }, "approvalRule", "Choose an approval rule."],
  ])("refuses %j with the exact %s message", async (override, field, message) => {
    const { input } = await arrange();
    const errors = await fieldErrorsOf(asRole("admin", () => createPolicy({ ...input, ...override } as typeof input)));
    expect(errors[field]).toEqual([message]);
    expect(await db.policy.count({ where: { nameKey: input.name.toLowerCase() } })).toBe(0);
  });

  it.each([
    ["an unknown app id", { appId: "c0000000000000000000nope" }, "appId", "That application no longer exists. Reload the page and choose another."],
    ["a malformed app id", { appId: "x'; drop table" }, "appId", "That application no longer exists. Reload the page and choose another."],
    ["an unknown group id", { groupIds: ["c0000000000000000000nope"] }, "groupIds", "Some of the chosen groups no longer exist. Reload the page and choose again."],
    ["a malformed group id", { groupIds: ["../../etc"] }, "groupIds", "Some of the chosen groups no longer exist. Reload the page and choose again."],
  ])("refuses %s as a field error and writes nothing", async (_label, override, field, message) => {
    const { input } = await arrange();
    const errors = await fieldErrorsOf(asRole("admin", () => createPolicy({ ...input, ...override })));
    expect(errors[field]).toEqual([message]);
    expect(await db.policy.count({ where: { nameKey: input.name.toLowerCase() } })).toBe(0);
  });

  it.each(["auditor", "approver"] as const)("%s cannot create a policy and nothing is stored", async (role) => {
    const { input } = await arrange();
    await expect(asRole(role, () => createPolicy(input))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.policy.count({ where: { nameKey: input.name.toLowerCase() } })).toBe(0);
  });
});

describe("updatePolicy", () => {
  it("changes app, groups, name and flags with before/after group names in the audit row", async () => {
    const { app, groups, input } = await arrange();
    const created = await asRole("admin", () => createPolicy(input));
    const otherApp = await seedApp();
    const third = await seedGroup(unique("C "));
    const name = unique("Renamed ");
    await asRole("admin", () =>
      updatePolicy(created.id, { appId: otherApp.id, groupIds: [groups[0].id, third.id], name, loginMethod: "Password", enabled: false, approvalRule: "all" }),
    );
    const stored = await db.policy.findUniqueOrThrow({ where: { id: created.id }, include: { groups: true } });
    expect(stored).toMatchObject({ name, appId: otherApp.id, loginMethod: "Password", enabled: false, approvalRule: "all" });
    expect(stored.groups.map((g) => g.groupId).sort()).toEqual([groups[0].id, third.id].sort());
    const [row] = await audit(created.id, "policy.update");
    expect(JSON.parse(row.before ?? "null")).toMatchObject({ name: input.name, app: app.name, groups: [groups[1].name, groups[0].name], enabled: true });
    expect(JSON.parse(row.after ?? "null")).toMatchObject({ name, app: otherApp.name, groups: [groups[0].name, third.name], enabled: false, approvalRule: "all" });
  });

  it("writes no audit row when nothing changed, and allows changing only the case of its own name", async () => {
    const { input } = await arrange();
    const created = await asRole("admin", () => createPolicy(input));
    await asRole("admin", () => updatePolicy(created.id, { ...input, groupIds: [...input.groupIds].reverse() }));
    expect(await audit(created.id, "policy.update")).toHaveLength(0);
    await asRole("admin", () => updatePolicy(created.id, { ...input, name: input.name.toUpperCase() }));
    expect((await db.policy.findUniqueOrThrow({ where: { id: created.id } })).name).toBe(input.name.toUpperCase());
  });

  it("refuses another policy's name and a tampered group id, changing nothing", async () => {
    const { input } = await arrange();
    const first = await asRole("admin", () => createPolicy(input));
    const second = await asRole("admin", () => createPolicy({ ...input, name: unique("Second ") }));
    const nameErrors = await fieldErrorsOf(asRole("admin", () => updatePolicy(second.id, { ...input, name: input.name.toLowerCase() })));
    expect(nameErrors.name).toEqual(["A policy with this name already exists."]);
    const groupErrors = await fieldErrorsOf(asRole("admin", () => updatePolicy(first.id, { ...input, groupIds: ["c0000000000000000000nope"] })));
    expect(groupErrors.groupIds).toEqual(["Some of the chosen groups no longer exist. Reload the page and choose again."]);
    expect(await db.policyGroup.count({ where: { policyId: first.id } })).toBe(2);
    expect(await audit(second.id, "policy.update")).toHaveLength(0);
  });

  it("refuses an unknown policy id with NotFoundError", async () => {
    const { input } = await arrange();
    await expect(asRole("admin", () => updatePolicy("c0000000000000000000nope", input))).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each(["auditor", "approver"] as const)("%s cannot edit a policy and nothing changes", async (role) => {
    const { input } = await arrange();
    const created = await asRole("admin", () => createPolicy(input));
    await expect(asRole(role, () => updatePolicy(created.id, { ...input, name: unique("Hijack ") }))).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.policy.findUniqueOrThrow({ where: { id: created.id } })).name).toBe(input.name);
  });
});

describe("deletePolicy", () => {
  it("deletes the policy and its group links, keeping the groups, with a policy.delete audit row", async () => {
    const { app, groups, input } = await arrange();
    const created = await asRole("admin", () => createPolicy(input));
    expect(await asRole("admin", () => deletePolicy(created.id))).toEqual({ name: input.name });
    expect(await db.policy.findUnique({ where: { id: created.id } })).toBeNull();
    expect(await db.policyGroup.count({ where: { policyId: created.id } })).toBe(0);
    expect(await db.group.count({ where: { id: { in: groups.map((g) => g.id) } } })).toBe(2);
    const [row] = await audit(created.id, "policy.delete");
    expect(JSON.parse(row.before ?? "null")).toMatchObject({ name: input.name, app: app.name, groups: [groups[1].name, groups[0].name] });
  });

  it("refuses a deleted policy with NotFoundError", async () => {
    const { input } = await arrange();
    const created = await asRole("admin", () => createPolicy(input));
    await asRole("admin", () => deletePolicy(created.id));
    await expect(asRole("admin", () => deletePolicy(created.id))).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each(["auditor", "approver"] as const)("%s cannot delete a policy and it stays", async (role) => {
    const { input } = await arrange();
    const created = await asRole("admin", () => createPolicy(input));
    await expect(asRole(role, () => deletePolicy(created.id))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.policy.count({ where: { id: created.id } })).toBe(1);
    expect(await audit(created.id, "policy.delete")).toHaveLength(0);
  });
});

describe("reading policies", () => {
  it("lists with name search, the first three groups by name plus the total, and sorts by app", async () => {
    const tag = unique("lst").toLowerCase();
    const appB = await seedApp(`${tag} B app`);
    const appA = await seedApp(`${tag} A app`);
    const groups = await Promise.all(["4", "2", "1", "3"].map((n) => seedGroup(`${tag} g${n}`)));
    const base = { loginMethod: "OIDC SSO" as const, enabled: true, approvalRule: "none" as const };
    await asRole("admin", () => createPolicy({ ...base, appId: appB.id, groupIds: groups.map((g) => g.id), name: `${tag} first` }));
    await asRole("admin", () => createPolicy({ ...base, appId: appA.id, groupIds: [groups[0].id], name: `${tag} second` }));

    const page = await asRole("auditor", () => listPolicies({ ...params, q: tag.toUpperCase() }));
    expect(page.total).toBe(2);
    expect(page.rows[0]).toMatchObject({ name: `${tag} first`, appName: appB.name, groupCount: 4, loginMethod: "OIDC SSO", enabled: true });
    expect(page.rows[0].groups.map((g) => g.name)).toEqual([`${tag} g1`, `${tag} g2`, `${tag} g3`]);
    const byApp = await asRole("approver", () => listPolicies({ ...params, q: tag, sort: "app" }));
    expect(byApp.rows.map((r) => r.appName)).toEqual([appA.name, appB.name]);
  });

  it("gets one policy for the edit form, and null for an unknown or malformed id", async () => {
    const { app, groups, input } = await arrange();
    const created = await asRole("admin", () => createPolicy(input));
    const detail = await asRole("auditor", () => getPolicy(created.id));
    expect(detail).toMatchObject({ id: created.id, name: input.name, appId: app.id, appName: app.name, enabled: true });
    expect(detail?.groups.map((g) => g.id)).toEqual([groups[1].id, groups[0].id]);
    expect(await asRole("admin", () => getPolicy("c0000000000000000000nope"))).toBeNull();
    expect(await asRole("admin", () => getPolicy("not an id!"))).toBeNull();
  });

  it("offers apps and groups with member counts to admins only", async () => {
    const { app, groups } = await arrange();
    const options = await asRole("admin", () => listPolicyFormOptions());
    expect(options.apps).toContainEqual({ id: app.id, name: app.name, kind: "scim" });
    expect(options.groups).toContainEqual({ id: groups[0].id, name: groups[0].name, memberCount: 0 });
    await expect(asRole("auditor", () => listPolicyFormOptions())).rejects.toBeInstanceOf(ForbiddenError);
  });
});
