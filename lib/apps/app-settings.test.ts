import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { DEFAULT_FEATURES } from "@/lib/provisioning/types";
import { defaultMapping } from "@/lib/scim/mapping";
import { MAPPING_DUPLICATE_TARGET, MAPPING_NEEDS_USERNAME, targetInvalidMessage } from "@/lib/schemas/app";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { asRole, insertUser, unique } from "@/test/factories";
import { createApp } from "./create-app";
import { deleteApp } from "./delete-app";
import { getApp } from "./get-app";
import { listAppAccounts } from "./list-app-accounts";
import { listAppEvents } from "./list-app-events";
import { previewAppPayload } from "./preview-app-payload";
import { previewFeaturesImpact } from "./preview-features-impact";
import { updateAppFeatures } from "./update-app-features";
import { updateAppMapping } from "./update-app-mapping";

let scim: ScimStandIn;
beforeAll(async () => {
  scim = await startScimStandIn();
});
afterAll(() => scim.close());

const accountParams = { page: 1, pageSize: 25, sort: "userName" as const, dir: "asc" as const, q: "" };

function newApp(kind: "scim" | "slack" = "scim") {
  return asRole("admin", () => createApp({ kind, name: unique(`${kind} `), baseUrl: scim.baseUrl, token: scim.token }));
}

async function issuesOf(promise: Promise<unknown>): Promise<{ path: string; message: string }[]> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof z.ZodError)) throw new Error(`expected a ZodError, got ${String(error)}`);
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

describe("features", () => {
  it("a new app starts with the default features; admin saves new ones with an audit row", async () => {
    const app = await newApp();
    expect(app.features).toEqual(DEFAULT_FEATURES);
    expect(app.deprovisionMode).toBe("deactivate");
    const features = { ...DEFAULT_FEATURES, deleteUsers: true, pushGroups: true };
    expect(await asRole("admin", () => updateAppFeatures(app.id, { features, deprovisionMode: "delete" }))).toEqual({ changed: true });
    expect(await asRole("auditor", () => getApp(app.id))).toMatchObject({ features, deprovisionMode: "delete" });
    const [audit] = await db.auditLog.findMany({ where: { targetId: app.id, action: "app.features.change" } });
    expect(JSON.parse(audit.after ?? "{}")).toEqual({ features, deprovisionMode: "delete" });
    expect(await asRole("admin", () => updateAppFeatures(app.id, { features, deprovisionMode: "delete" }))).toEqual({ changed: false });
    expect(await db.auditLog.count({ where: { targetId: app.id, action: "app.features.change" } })).toBe(1);
  });

  it("enabling create users previews the creates, then queues them in the same transaction as the change", async () => {
    const app = await newApp();
    const off = { ...DEFAULT_FEATURES, createUsers: false };
    await db.app.update({ where: { id: app.id }, data: { features: JSON.stringify(off) } });
    const user = await insertUser();
    const groupName = unique("grant ");
    const group = await db.group.create({ data: { name: groupName, nameKey: groupName.toLowerCase(), members: { create: { userId: user.id } } } });
    const policyName = unique("policy ");
    await db.policy.create({ data: { name: policyName, nameKey: policyName.toLowerCase(), appId: app.id, groups: { create: { groupId: group.id } } } });
    expect(await db.provisioningJob.count({ where: { appId: app.id } })).toBe(0);

    const impact = await asRole("auditor", () => previewFeaturesImpact(app.id, { features: DEFAULT_FEATURES, deprovisionMode: "deactivate" }));
    expect(impact).toEqual([expect.objectContaining({ appId: app.id, counts: expect.objectContaining({ create: 1 }) })]);
    expect(await db.provisioningJob.count({ where: { appId: app.id } })).toBe(0);

    const admin = await asRole("admin", async (actor) => {
      await updateAppFeatures(app.id, { features: DEFAULT_FEATURES, deprovisionMode: "deactivate" });
      return actor;
    });
    const jobs = await db.provisioningJob.findMany({ where: { appId: app.id } });
    expect(jobs).toEqual([expect.objectContaining({ subjectId: user.id, operation: "create", status: "queued", causedBy: admin.email })]);
  });

  it.each(["auditor", "approver"] as const)("%s cannot change features or mapping; nothing changes", async (role) => {
    const app = await newApp();
    const before = await db.app.findUniqueOrThrow({ where: { id: app.id } });
    await expect(
      asRole(role, () => updateAppFeatures(app.id, { features: { ...DEFAULT_FEATURES, deleteUsers: true }, deprovisionMode: "delete" })),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(asRole(role, () => updateAppMapping(app.id, [{ source: "email", target: "userName" }]))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(asRole(role, () => deleteApp(app.id))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.app.findUniqueOrThrow({ where: { id: app.id } })).toEqual(before);
  });
});

describe("mapping", () => {
  it("a new app starts with its kind's default mapping", async () => {
    const slack = await newApp("slack");
    expect(slack.mapping).toEqual(defaultMapping("slack"));
  });

  it("admin saves a mapping with core, sub-attribute, value-path, enterprise and custom extension targets", async () => {
    const app = await newApp();
    const rules = [
      { source: "userName", target: "userName", transform: "lowercase" },
      { source: "firstName", target: "name.givenName", transform: "" },
      { source: "email", target: 'emails[type eq "work"].value' },
      { source: "department", target: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department" },
      { source: "customAttributes.costCenter", target: "urn:acme:params:scim:schemas:extension:acme:2.0:User:costCenter" },
    ];
    const saved = await asRole("admin", () => updateAppMapping(app.id, rules));
    expect(saved.changed).toBe(true);
    expect(saved.mapping[1]).toEqual({ source: "firstName", target: "name.givenName" });
    expect((await asRole("admin", () => getApp(app.id)))?.mapping).toEqual(saved.mapping);
    expect(await db.auditLog.count({ where: { targetId: app.id, action: "app.mapping.change" } })).toBe(1);
  });

  it.each([
    [[{ source: "email", target: "emails" }], "", MAPPING_NEEDS_USERNAME],
    [[{ source: "userName", target: "userName" }, { source: "email", target: "user name" }], "1.target", targetInvalidMessage("user name")],
    [[{ source: "userName", target: "userName" }, { source: "email", target: "urn:bad" }], "1.target", targetInvalidMessage("urn:bad")],
    [[{ source: "userName", target: "userName" }, { source: "email", target: "emails[type eq work].value" }], "1.target", targetInvalidMessage("emails[type eq work].value")],
    [[{ source: "userName", target: "userName" }, { source: "email", target: "UserName" }], "1.target", MAPPING_DUPLICATE_TARGET],
    [[{ source: "password", target: "userName" }], "0.source", "Choose a console field, or customAttributes.<key> for a custom attribute."],
    [[{ source: "userName", target: "userName", transform: "upper" }], "0.transform", expect.stringContaining("Invalid option")],
  ])("refuses mapping %j at %s and keeps the stored one", async (rules, path, message) => {
    const app = await newApp();
    const issues = await issuesOf(asRole("admin", () => updateAppMapping(app.id, rules)));
    expect(issues).toContainEqual({ path, message });
    expect((await db.app.findUniqueOrThrow({ where: { id: app.id } })).mapping).toBe(JSON.stringify(defaultMapping("scim")));
  });
});

describe("payload preview", () => {
  it("shows the exact JSON the Slack mapping sends: userName lowercased and at most 21 characters", async () => {
    const app = await newApp("slack");
    const user = await insertUser({ userName: `Very.Long.UserName.${unique("X")}`, firstName: "Ada", lastName: "Lovelace" });
    const preview = await asRole("auditor", () => previewAppPayload(app.id, user.id));
    if (!preview.ok) throw new Error(preview.message);
    const body = JSON.parse(preview.json) as { userName: string; emails: { value: string; primary?: boolean }[]; name: { givenName: string } };
    expect(body.userName).toBe(user.userName.toLowerCase().slice(0, 21));
    expect(body.userName.length).toBeLessThanOrEqual(21);
    expect(body.emails[0]).toMatchObject({ value: user.email, primary: true });
    expect(body.name.givenName).toBe("Ada");
    expect(preview.json).toContain('\n  "userName"');
  });

  it("explains when the mapping cannot produce a userName", async () => {
    const app = await newApp();
    await db.app.update({ where: { id: app.id }, data: { mapping: JSON.stringify([{ source: "title", target: "userName" }]) } });
    const user = await insertUser();
    const preview = await asRole("admin", () => previewAppPayload(app.id, user.id));
    expect(preview).toEqual({ ok: false, userName: user.userName, message: "The mapping produced no userName; map a field to it." });
  });
});

describe("accounts, events and delete", () => {
  it("lists the app's accounts (searchable) and its latest events, newest first", async () => {
    const app = await newApp();
    const [a, b] = [await insertUser({ userName: unique("acct-a") }), await insertUser({ userName: unique("acct-b") })];
    await db.appAccount.create({ data: { appId: app.id, userId: a.id, remoteId: "r-1", state: "active", lastSyncAt: new Date() } });
    await db.appAccount.create({ data: { appId: app.id, userId: b.id, state: "failed", lastError: "Refused" } });
    for (let i = 0; i < 3; i++) {
      await db.provisioningEvent.create({
        data: { appId: app.id, appName: app.name, userId: a.id, userIdentifier: a.userName, action: "create", outcome: "success", message: `m${i}`, at: new Date(Date.now() + i * 1000) },
      });
    }
    const all = await asRole("auditor", () => listAppAccounts(app.id, accountParams));
    expect(all.total).toBe(2);
    expect(all.rows.map((r) => r.userName)).toEqual([a.userName, b.userName]);
    const found = await asRole("auditor", () => listAppAccounts(app.id, { ...accountParams, q: b.userName.toUpperCase() }));
    expect(found.rows).toEqual([expect.objectContaining({ userName: b.userName, state: "failed", lastError: "Refused" })]);
    const events = await asRole("approver", () => listAppEvents(app.id));
    expect(events.map((e) => e.message)).toEqual(["m2", "m1", "m0"]);
    expect((await asRole("admin", () => getApp(app.id)))?.accountCount).toBe(2);
  });

  it("admin deletes an app: links go, users and events stay, and app.delete is audited", async () => {
    const app = await newApp();
    const user = await insertUser();
    await db.appAccount.create({ data: { appId: app.id, userId: user.id, remoteId: "r-9", state: "active" } });
    expect(await asRole("admin", () => deleteApp(app.id))).toEqual({ name: app.name, accountCount: 1 });
    expect(await db.app.findUnique({ where: { id: app.id } })).toBeNull();
    expect(await db.appAccount.count({ where: { appId: app.id } })).toBe(0);
    expect(await db.user.findUnique({ where: { id: user.id } })).not.toBeNull();
    expect(await db.auditLog.count({ where: { targetId: app.id, action: "app.delete" } })).toBe(1);
    expect(await asRole("admin", () => getApp(app.id))).toBeNull();
  });
});
