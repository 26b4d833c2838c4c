import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Actor } from "@/lib/authz";
import { runAs } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError, ForbiddenError } from "@/lib/errors";
import { ISSUER_INVALID, SSO_CLIENT_SECRET_REQUIRED } from "@/lib/schemas/sso";
import { asRole, makeAdmin } from "@/test/factories";
import { startOAuthServer, type OAuthServer } from "@/test/oauth-server";
import { closedPort } from "@/test/scim-standin/closed-port";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { readSsoConfig, readSsoState, SSO_SETTING_KEY } from "./config";
import { ENVIRONMENT_OWNS_SSO, getSsoSettings, removeSsoSettings, saveSsoSettings, testSsoProvider } from "./sso-settings";

// The one file that writes the "signIn.sso" Setting row (tests in a file run in order). It never stores
// "SSO only" on: other test files sign in with passwords against the same database at the same time.
// `{}` stands for an environment without SSO_* variables, so the stored settings are in force.
const NO_ENV = {};
const SECRET = "first-client-secret-value-0001";
const form = { issuer: "https://idp.example.com", clientId: "console-app", clientSecret: SECRET, displayName: "Okta", clientAuth: "post" };

let admin: Actor;
let server: OAuthServer;
let notOidc: ScimStandIn;
beforeAll(async () => {
  admin = await makeAdmin("admin");
  server = await startOAuthServer({ redirectUris: ["http://127.0.0.1:3997/api/auth/sso/callback"] });
  notOidc = await startScimStandIn();
  await db.setting.deleteMany({ where: { key: SSO_SETTING_KEY } });
});
afterAll(async () => {
  await db.setting.deleteMany({ where: { key: SSO_SETTING_KEY } });
  await Promise.all([server.close(), notOidc.close()]);
});

const as = <T>(fn: () => Promise<T>) => runAs(admin, fn);

async function refusal(promise: Promise<unknown>): Promise<{ message: string; fields: Record<string, string[] | undefined> }> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (error instanceof z.ZodError) return { message: "invalid", fields: z.flattenError(error).fieldErrors as Record<string, string[]> };
  if (error instanceof DomainError) return { message: error.message, fields: error.fieldErrors };
  throw new Error(`expected a refusal, got ${String(error)}`);
}

async function auditRows() {
  return db.auditLog.findMany({ where: { targetId: SSO_SETTING_KEY }, orderBy: { at: "asc" } });
}

describe("Settings > Sign-in > Single sign-on", () => {
  it("bad input is refused field by field and nothing is stored", async () => {
    expect((await refusal(as(() => saveSsoSettings({ ...form, clientSecret: "" }, NO_ENV)))).fields.clientSecret).toEqual([SSO_CLIENT_SECRET_REQUIRED]);
    expect((await refusal(as(() => saveSsoSettings({ ...form, issuer: "http://idp.example.com" }, NO_ENV)))).fields.issuer).toEqual([ISSUER_INVALID]);
    expect(await db.setting.findUnique({ where: { key: SSO_SETTING_KEY } })).toBeNull();
    expect(await as(() => getSsoSettings(NO_ENV))).toMatchObject({ source: "none", configured: false, clientSecretHint: null });
  });

  it("an admin saves the settings: the secret is stored encrypted and never reaches the page or the audit log", async () => {
    const view = await as(() => saveSsoSettings({ ...form, createOnFirstSignIn: "on", createRole: "approver" }, NO_ENV));
    expect(view).toMatchObject({
      source: "settings",
      configured: true,
      issuer: form.issuer,
      clientId: form.clientId,
      clientAuth: "post",
      displayName: "Okta",
      clientSecretHint: "ends in …0001",
      createOnFirstSignIn: true,
      createRole: "approver",
      ssoOnly: false,
      updatedBy: admin.email,
    });
    expect(view.callbackUrl).toMatch(/\/api\/auth\/sso\/callback$/);
    const row = await db.setting.findUniqueOrThrow({ where: { key: SSO_SETTING_KEY } });
    const audit = await auditRows();
    expect(audit.map((r) => r.action)).toEqual(["settings.sso.updated", "settings.sso.secret.replaced"]);
    for (const shown of [JSON.stringify(view), row.value, JSON.stringify(audit), JSON.stringify(await asRole("admin", () => getSsoSettings(NO_ENV)))]) {
      expect(shown).not.toContain(SECRET);
    }
    // Sign-in reads the decrypted secret; nothing else does.
    expect((await readSsoConfig(NO_ENV))?.clientSecret).toBe(SECRET);
  });

  it("a blank secret keeps the stored one; a new one replaces it and is audited as such", async () => {
    const stored = (await db.setting.findUniqueOrThrow({ where: { key: SSO_SETTING_KEY } })).value;
    const before = (await auditRows()).length;
    await as(() => saveSsoSettings({ ...form, clientSecret: "", displayName: "Company SSO" }, NO_ENV));
    const kept = await readSsoState(NO_ENV);
    expect(kept.config).toMatchObject({ clientSecret: SECRET, displayName: "Company SSO", createOnFirstSignIn: false });
    expect(kept.stored?.clientSecretEnc).toBe(JSON.parse(stored).clientSecretEnc);
    const afterKeep = await auditRows();
    expect(afterKeep.slice(before).map((r) => r.action)).toEqual(["settings.sso.updated"]);
    expect(JSON.parse(afterKeep.at(-1)!.before!)).toMatchObject({ displayName: "Okta" });
    expect(JSON.parse(afterKeep.at(-1)!.after!)).toMatchObject({ displayName: "Company SSO", clientSecretChanged: false });

    await as(() => saveSsoSettings({ ...form, clientSecret: "second-client-secret-value-0002" }, NO_ENV));
    expect((await readSsoConfig(NO_ENV))?.clientSecret).toBe("second-client-secret-value-0002");
    expect((await auditRows()).at(-1)).toMatchObject({ action: "settings.sso.secret.replaced", before: JSON.stringify({ secretSet: true }) });
  });

  it("only admins see or change it", async () => {
    for (const role of ["approver", "auditor"] as const) {
      await expect(asRole(role, () => getSsoSettings(NO_ENV))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(asRole(role, () => saveSsoSettings(form, NO_ENV))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(asRole(role, () => testSsoProvider({ issuer: server.issuer }, NO_ENV))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(asRole(role, () => removeSsoSettings(NO_ENV))).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await readSsoConfig(NO_ENV))?.clientSecret).toBe("second-client-secret-value-0002");
  });

  it("the environment wins over Settings: the page shows its values read-only (no secret) and saving is refused", async () => {
    const env = { SSO_ISSUER: "https://login.example.org", SSO_CLIENT_ID: "from-env", SSO_CLIENT_SECRET: "environment-secret-9999", SSO_DISPLAY_NAME: "Entra", SSO_ONLY: "1", SSO_BREAK_GLASS_EMAIL: "Root@Example.test" };
    const view = await as(() => getSsoSettings(env));
    expect(view).toMatchObject({ source: "environment", configured: true, issuer: "https://login.example.org", clientId: "from-env", displayName: "Entra", ssoOnly: true, clientSecretHint: "ends in …9999", breakGlassEmail: "root@example.test" });
    expect(JSON.stringify(view)).not.toContain("environment-secret-9999");
    expect((await readSsoConfig(env))?.clientId).toBe("from-env");
    expect((await refusal(as(() => saveSsoSettings(form, env)))).message).toBe(ENVIRONMENT_OWNS_SSO);
    expect((await refusal(as(() => removeSsoSettings(env)))).message).toBe(ENVIRONMENT_OWNS_SSO);
    expect((await readSsoConfig(NO_ENV))?.clientId).toBe(form.clientId);

    const broken = await as(() => getSsoSettings({ ...env, SSO_CLIENT_SECRET: "" }));
    expect(broken).toMatchObject({ source: "environment", configured: false, problem: "SSO_CLIENT_SECRET is not set in the environment." });
  });

  it("Test reports the provider's issuer and endpoints, or a readable reason", async () => {
    expect(await as(() => testSsoProvider({ issuer: server.issuer }, NO_ENV))).toEqual({
      issuer: server.issuer,
      authorizationEndpoint: server.authorizationEndpoint,
      tokenEndpoint: server.tokenEndpoint,
      userinfoEndpoint: `${server.issuer}/me`,
      jwksUri: `${server.issuer}/jwks`,
      supportsPkceS256: true,
    });
    const port = await closedPort();
    expect((await refusal(as(() => testSsoProvider({ issuer: `http://127.0.0.1:${port}` }, NO_ENV)))).message).toBe(
      `Could not reach 127.0.0.1:${port}: check the issuer URL and that the console can reach the provider.`,
    );
    const host = new URL(notOidc.baseUrl).host;
    expect((await refusal(as(() => testSsoProvider({ issuer: `http://${host}` }, NO_ENV)))).message).toBe(
      `${host} did not answer with OpenID Connect discovery metadata at /.well-known/openid-configuration. Check the issuer URL.`,
    );
    const renamed = server.issuer.replace("127.0.0.1", "localhost");
    expect((await refusal(as(() => testSsoProvider({ issuer: renamed }, NO_ENV)))).message).toBe(
      `The provider at ${new URL(renamed).host} reports a different issuer (it says ${server.issuer}). Enter the issuer exactly as the provider publishes it.`,
    );
    expect((await refusal(as(() => testSsoProvider({ issuer: "http://idp.example.com" }, NO_ENV)))).fields.issuer).toEqual([ISSUER_INVALID]);
  });

  it("turning single sign-on off forgets the settings and is audited", async () => {
    const view = await as(() => removeSsoSettings(NO_ENV));
    expect(view).toMatchObject({ source: "none", configured: false });
    expect(await db.setting.findUnique({ where: { key: SSO_SETTING_KEY } })).toBeNull();
    expect((await auditRows()).at(-1)).toMatchObject({ action: "settings.sso.removed", actorEmail: admin.email });
  });
});
