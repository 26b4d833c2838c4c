import { describe, expect, it } from "vitest";
import { z } from "zod";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { DomainError, ForbiddenError } from "@/lib/errors";
import { CLIENT_SECRET_REQUIRED, ENDPOINT_INVALID } from "@/lib/schemas/app";
import { asRole, unique } from "@/test/factories";
import { getConnectionStatus } from "./connection-status";
import { createOAuthApp } from "./create-oauth-app";
import { saveOAuthSettings, SWITCHED_MESSAGE, useBearerToken } from "./save-oauth-settings";

const generic = {
  credentialKind: "oauth2",
  clientId: "client-1",
  clientSecret: "s3cret-value-for-tests",
  authorizationEndpoint: "https://idp.example.com/authorize",
  tokenEndpoint: "https://idp.example.com/token",
  scopes: "scim.read, scim.write",
  clientAuth: "post",
};

async function bearerApp(kind: "scim" | "slack" = "scim") {
  const name = unique("Bearer ");
  return db.app.create({ data: { name, nameKey: name.toLowerCase(), kind, baseUrl: "https://app.example.com/scim/v2", credentialsEnc: encryptSecret({ token: "bearer-token-1234" }), health: "connected" } });
}

async function fieldErrors(promise: Promise<unknown>): Promise<Record<string, string[] | undefined>> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (error instanceof z.ZodError) return z.flattenError(error).fieldErrors as Record<string, string[]>;
  if (error instanceof DomainError) return error.fieldErrors;
  throw new Error(`expected a validation error, got ${String(error)}`);
}

describe("OAuth client settings", () => {
  it("switching a bearer app to OAuth 2.0 stores the secret encrypted, forgets the token and holds the queue", async () => {
    const app = await bearerApp();
    expect(await asRole("admin", () => saveOAuthSettings(app.id, generic))).toEqual({ switched: true });
    const row = await db.app.findUniqueOrThrow({ where: { id: app.id } });
    expect(row).toMatchObject({ credentialKind: "oauth2", credentialsEnc: null, health: "reconnect_needed", healthMessage: SWITCHED_MESSAGE });
    expect(JSON.parse(row.oauthConfig!)).toEqual({ clientId: "client-1", authorizationEndpoint: generic.authorizationEndpoint, tokenEndpoint: generic.tokenEndpoint, scopes: "scim.read scim.write", clientAuth: "post" });
    expect(row.oauthClientSecretEnc).not.toContain(generic.clientSecret);
    const status = await asRole("auditor", () => getConnectionStatus(app.id));
    expect(status).toMatchObject({ credentialKind: "oauth2", clientSecretSet: true, connected: false });
    const audit = JSON.stringify(await db.auditLog.findMany({ where: { targetId: app.id } }));
    expect(audit).toContain("app.oauth.settings");
    expect(audit + JSON.stringify(status)).not.toContain(generic.clientSecret);

    // Saving again without a secret keeps the stored one.
    await asRole("admin", () => saveOAuthSettings(app.id, { ...generic, clientSecret: "" }));
    expect((await db.app.findUniqueOrThrow({ where: { id: app.id } })).oauthClientSecretEnc).toBe(row.oauthClientSecretEnc);
    await asRole("admin", () => useBearerToken(app.id));
    expect(await db.app.findUniqueOrThrow({ where: { id: app.id } })).toMatchObject({ credentialKind: "bearer", health: "unverified" });
  });

  it("bad input is refused field by field and changes nothing", async () => {
    const app = await bearerApp();
    expect((await fieldErrors(asRole("admin", () => saveOAuthSettings(app.id, { ...generic, tokenEndpoint: "http://idp.example.com/token" })))).tokenEndpoint).toEqual([ENDPOINT_INVALID]);
    expect((await fieldErrors(asRole("admin", () => saveOAuthSettings(app.id, { ...generic, clientSecret: "" })))).clientSecret).toEqual([CLIENT_SECRET_REQUIRED]);
    expect((await fieldErrors(asRole("admin", () => saveOAuthSettings(app.id, { ...generic, clientSecret: "has space" })))).clientSecret).toBeDefined();
    expect((await fieldErrors(asRole("admin", () => saveOAuthSettings(app.id, { credentialKind: "slack_oauth", clientId: "1.2", clientSecret: "x" })))).credentialKind).toBeDefined();
    await expect(asRole("auditor", () => saveOAuthSettings(app.id, generic))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(asRole("approver", () => saveOAuthSettings(app.id, generic))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.app.findUniqueOrThrow({ where: { id: app.id } })).toMatchObject({ credentialKind: "bearer", oauthConfig: null, oauthClientSecretEnc: null, health: "connected" });
  });

  it("Add app with an OAuth credential saves it waiting to be connected", async () => {
    const name = unique("New OAuth ");
    const { id } = await asRole("admin", () => createOAuthApp({ kind: "slack", name, baseUrl: "https://api.slack.com/scim/v2", credentialKind: "slack_oauth" }));
    expect(await db.app.findUniqueOrThrow({ where: { id } })).toMatchObject({ credentialKind: "slack_oauth", credentialsEnc: null, health: "reconnect_needed" });
    await expect(asRole("admin", () => createOAuthApp({ kind: "scim", name: unique("x"), baseUrl: "https://a.example.com/scim", credentialKind: "slack_oauth" }))).rejects.toBeInstanceOf(DomainError);
  });
});
