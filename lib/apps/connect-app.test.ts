import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import { DomainError, ForbiddenError } from "@/lib/errors";
import { closedPort } from "@/test/scim-standin/closed-port";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { asRole, unique } from "@/test/factories";
import { createApp } from "./create-app";
import { getApp } from "./get-app";
import { listApps } from "./list-apps";
import { replaceAppToken } from "./replace-app-token";
import { updateAppSettings } from "./update-app-settings";
import { verifyApp } from "./verify-app";

let scim: ScimStandIn;
beforeAll(async () => {
  scim = await startScimStandIn();
});
afterAll(() => scim.close());

async function fieldErrorOf(promise: Promise<unknown>): Promise<Record<string, string[] | undefined>> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (error instanceof z.ZodError) return z.flattenError(error).fieldErrors as Record<string, string[]>;
  if (error instanceof DomainError) return error.fieldErrors;
  throw new Error(`expected a validation or conflict error, got ${String(error)}`);
}

async function auditText(appId: string): Promise<string> {
  const rows = await db.auditLog.findMany({ where: { targetType: "app", targetId: appId } });
  return JSON.stringify(rows);
}

describe("createApp + Verify Credentials", () => {
  it("admin adds a SCIM app: it is verified as connected with capabilities, and the token appears nowhere", async () => {
    const name = unique("Stand-in ");
    const app = await asRole("admin", () => createApp({ kind: "scim", name, baseUrl: `${scim.baseUrl}/`, token: scim.token }));
    expect(app).toMatchObject({ name, kind: "scim", health: "connected", healthMessage: null, baseUrl: scim.baseUrl });
    expect(app.capabilities).toMatchObject({ patch: true, filter: true });
    expect(app.capabilityReport.some((line) => line.startsWith("PATCH: supported"))).toBe(true);
    expect(app.credentialsHint).toBe(`ends in …${scim.token.slice(-4)}`);
    expect(JSON.stringify(app)).not.toContain(scim.token);
    expect(app).not.toHaveProperty("credentialsEnc");

    const stored = await db.app.findUniqueOrThrow({ where: { id: app.id } });
    expect(stored.credentialsEnc).not.toContain(scim.token);
    expect(stored.verifiedAt).not.toBeNull();

    const audit = await auditText(app.id);
    expect(audit).toContain("app.create");
    expect(audit).toContain('\\"credentials\\":\\"changed\\"');
    expect(audit).not.toContain(scim.token);

    const again = await asRole("auditor", () => getApp(app.id));
    expect(JSON.stringify(again)).not.toContain(scim.token);
    const list = await asRole("approver", () => listApps({ page: 1, pageSize: 25, sort: "name", dir: "asc", q: name.toLowerCase() }));
    expect(list.rows).toEqual([expect.objectContaining({ id: app.id, health: "connected", accountCount: 0 })]);
  });

  it("a wrong token saves the app as error with the 401 message, never connected", async () => {
    const token = `wrong-${unique()}`;
    const app = await asRole("admin", () => createApp({ kind: "scim", name: unique("Wrong "), baseUrl: scim.baseUrl, token }));
    expect(app.health).toBe("error");
    expect(app.healthMessage).toBe("The app rejected the credentials (HTTP 401). Check the token, then Verify Credentials again.");
    expect(app.capabilities).toBeNull();
    expect(JSON.stringify(app)).not.toContain(token);
    expect(await auditText(app.id)).not.toContain(token);
  });

  it("an unreachable host saves as error with a plain message", async () => {
    const port = await closedPort();
    const app = await asRole("admin", () => createApp({ kind: "scim", name: unique("Closed "), baseUrl: `http://127.0.0.1:${port}/scim/v2`, token: "t0ken-closed-port" }));
    expect(app.health).toBe("error");
    expect(app.healthMessage).toMatch(/127\.0\.0\.1/);
    expect(app.healthMessage).not.toContain("t0ken-closed-port");
  });

  it("a wrong base path saves as error with the 404 message", async () => {
    const wrong = scim.baseUrl.replace(/\/scim\/v2$/, "/api");
    const app = await asRole("admin", () => createApp({ kind: "scim", name: unique("Path "), baseUrl: wrong, token: scim.token }));
    expect(app.health).toBe("error");
    expect(app.healthMessage).toBe("The app answered 404 at /ServiceProviderConfig: the SCIM base URL is probably wrong; it usually ends in /scim/v2.");
  });

  it.each([
    [{ name: "", baseUrl: "https://a.example/scim/v2", token: "abcdefgh" }, "name", "Name is required."],
    [{ name: "x", baseUrl: "ftp://a.example/scim", token: "abcdefgh" }, "baseUrl", "Enter the app's SCIM base URL, like https://app.example.com/scim/v2."],
    [{ name: "x", baseUrl: "not a url", token: "abcdefgh" }, "baseUrl", "Enter the app's SCIM base URL, like https://app.example.com/scim/v2."],
    [{ name: "x", baseUrl: "https://a.example/scim/v2", token: "   " }, "token", "Enter the app's bearer token."],
    [{ name: "x", baseUrl: "https://a.example/scim/v2", token: "ab cd" }, "token", "Bearer token must not contain spaces or line breaks."],
    [{ name: "x", baseUrl: "https://a.example/scim/v2", token: "abcdefgh", kind: "okta" }, "kind", "Choose Slack or SCIM 2.0 app."],
  ])("refuses %j with the exact %s message and stores nothing", async (input, field, message) => {
    const errors = await fieldErrorOf(asRole("admin", () => createApp({ kind: "scim", ...input } as never)));
    expect(errors[field]).toEqual([message]);
    expect(await db.app.count({ where: { nameKey: "x" } })).toBe(0);
  });

  it("refuses a name that differs only by case before calling the app", async () => {
    const name = unique("Dup ");
    await asRole("admin", () => createApp({ kind: "scim", name, baseUrl: scim.baseUrl, token: scim.token }));
    const calls = scim.requests.length;
    const errors = await fieldErrorOf(asRole("admin", () => createApp({ kind: "slack", name: name.toUpperCase(), baseUrl: scim.baseUrl, token: scim.token })));
    expect(errors.name).toEqual(["An app with this name already exists."]);
    expect(scim.requests.length).toBe(calls);
    expect(await db.app.count({ where: { nameKey: name.toLowerCase() } })).toBe(1);
  });

  it.each(["auditor", "approver"] as const)("%s cannot add an app and nothing is stored or called", async (role) => {
    const name = unique("Denied ");
    const calls = scim.requests.length;
    await expect(asRole(role, () => createApp({ kind: "scim", name, baseUrl: scim.baseUrl, token: scim.token }))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.app.count({ where: { nameKey: name.toLowerCase() } })).toBe(0);
    expect(scim.requests.length).toBe(calls);
  });
});

describe("verifyApp, replaceAppToken, updateAppSettings", () => {
  it("replacing a wrong token with the right one turns error into connected; audit says only 'changed'", async () => {
    const app = await asRole("admin", () => createApp({ kind: "scim", name: unique("Fix "), baseUrl: scim.baseUrl, token: "wrong-token-123456" }));
    expect(app.health).toBe("error");
    const outcome = await asRole("admin", () => replaceAppToken(app.id, { token: scim.token }));
    expect(outcome).toMatchObject({ health: "connected", healthMessage: null });
    expect(outcome.report[0]).toMatch(/^Connected to 127\.0\.0\.1/);
    expect(JSON.stringify(outcome)).not.toContain(scim.token);
    const rows = await db.auditLog.findMany({ where: { targetId: app.id, action: "app.credentials.change" } });
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].after ?? "{}")).toMatchObject({ credentials: "changed", health: "connected" });
    expect(await auditText(app.id)).not.toContain(scim.token);
  });

  it("Verify Credentials re-checks with the stored token and records app.verify", async () => {
    const app = await asRole("admin", () => createApp({ kind: "scim", name: unique("Reverify "), baseUrl: scim.baseUrl, token: scim.token }));
    scim.setFault({ type: "serverError", status: 503, match: { method: "GET", path: "/ServiceProviderConfig" } });
    const failed = await asRole("admin", () => verifyApp(app.id));
    scim.clearFaults();
    expect(failed.health).toBe("error");
    expect((await db.app.findUniqueOrThrow({ where: { id: app.id } })).health).toBe("error");
    const ok = await asRole("admin", () => verifyApp(app.id));
    expect(ok.health).toBe("connected");
    expect(await db.auditLog.count({ where: { targetId: app.id, action: "app.verify" } })).toBe(2);
  });

  it("saving a new base URL verifies it; an empty token field keeps the stored token", async () => {
    const app = await asRole("admin", () => createApp({ kind: "scim", name: unique("Move "), baseUrl: scim.baseUrl, token: scim.token }));
    const before = await db.app.findUniqueOrThrow({ where: { id: app.id } });
    const wrong = scim.baseUrl.replace(/\/scim\/v2$/, "/nope");
    const moved = await asRole("admin", () => updateAppSettings(app.id, { name: app.name, baseUrl: wrong, token: "" }));
    expect(moved.app.health).toBe("error");
    expect(moved.verify?.healthMessage).toMatch(/404/);
    const after = await db.app.findUniqueOrThrow({ where: { id: app.id } });
    expect(after.credentialsEnc).toBe(before.credentialsEnc);
    const back = await asRole("admin", () => updateAppSettings(app.id, { name: `${app.name} renamed`, baseUrl: scim.baseUrl }));
    expect(back.app).toMatchObject({ health: "connected", name: `${app.name} renamed` });
    expect(await db.auditLog.count({ where: { targetId: app.id, action: "app.update" } })).toBe(2);
  });

  it("renaming only does not call the app", async () => {
    const app = await asRole("admin", () => createApp({ kind: "scim", name: unique("Rename "), baseUrl: scim.baseUrl, token: scim.token }));
    const calls = scim.requests.length;
    const saved = await asRole("admin", () => updateAppSettings(app.id, { name: `${app.name}!`, baseUrl: scim.baseUrl }));
    expect(saved.verify).toBeNull();
    expect(saved.app.health).toBe("connected");
    expect(scim.requests.length).toBe(calls);
  });

  it.each(["auditor", "approver"] as const)("%s cannot verify, replace the token or change settings; nothing changes", async (role) => {
    const app = await asRole("admin", () => createApp({ kind: "scim", name: unique("Locked "), baseUrl: scim.baseUrl, token: scim.token }));
    const before = await db.app.findUniqueOrThrow({ where: { id: app.id } });
    await expect(asRole(role, () => verifyApp(app.id))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(asRole(role, () => replaceAppToken(app.id, { token: "another-token-1" }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(asRole(role, () => updateAppSettings(app.id, { name: "x", baseUrl: scim.baseUrl }))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.app.findUniqueOrThrow({ where: { id: app.id } })).toEqual(before);
  });
});
