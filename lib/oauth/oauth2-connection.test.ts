import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz";
import { runAs } from "@/lib/authz";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { verifyApp } from "@/lib/apps/verify-app";
import { loadAppClient } from "@/lib/provisioning/app-settings";
import { approveHeadless, SCIM_SCOPE, startOAuthServer, type OAuthServer, type TestClient } from "@/test/oauth-server";
import { closedPort } from "@/test/scim-standin/closed-port";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { asRole, makeAdmin, unique } from "@/test/factories";
import { getConnectionStatus } from "./connection-status";
import { disconnectApp } from "./disconnect";
import { OAUTH_FAILURES } from "./errors";
import { finishConnection } from "./finish-connection";
import { saveOAuthSettings } from "./save-oauth-settings";
import { startConnection } from "./start-connection";
import { RECONNECT_MESSAGE } from "./token-source";

process.env.PUBLIC_URL = "http://127.0.0.1:3999";
const REDIRECT = "http://127.0.0.1:3999/api/oauth/callback";
const OTHER_REDIRECT = "http://127.0.0.1:3999/other/callback";

let server: OAuthServer;
let shortLived: OAuthServer;
let scim: ScimStandIn;
let admin: Actor;
beforeAll(async () => {
  server = await startOAuthServer({ redirectUris: [REDIRECT, OTHER_REDIRECT], autoApprove: true });
  shortLived = await startOAuthServer({ redirectUris: [REDIRECT], autoApprove: true, accessTokenTtl: 30 });
  scim = await startScimStandIn({ acceptToken: async (t) => (await server.isActiveAccessToken(t)) || (await shortLived.isActiveAccessToken(t)) });
  admin = await makeAdmin("admin");
});
afterAll(async () => {
  await Promise.all([server.close(), shortLived.close(), scim.close()]);
});

const as = <T>(fn: () => Promise<T>) => runAs(admin, fn);

async function oauthApp(options: { on?: OAuthServer; client?: TestClient; scopes?: string; tokenEndpoint?: string } = {}) {
  const on = options.on ?? server;
  const client = options.client ?? on.basicClient;
  const name = unique("OAuth app ");
  const app = await db.app.create({ data: { name, nameKey: name.toLowerCase(), kind: "scim", baseUrl: scim.baseUrl } });
  await as(() =>
    saveOAuthSettings(app.id, {
      credentialKind: "oauth2",
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      authorizationEndpoint: on.authorizationEndpoint,
      tokenEndpoint: options.tokenEndpoint ?? on.tokenEndpoint,
      revocationEndpoint: on.revocationEndpoint,
      scopes: options.scopes ?? SCIM_SCOPE,
      clientAuth: client.clientAuth,
    }),
  );
  return app;
}

async function consent(appId: string): Promise<URLSearchParams> {
  const { url } = await as(() => startConnection(appId));
  return (await approveHeadless(url, REDIRECT)).searchParams;
}

async function connect(appId: string) {
  const outcome = await as(async () => finishConnection(await consent(appId)));
  expect(outcome).toEqual({ appId, error: null, health: "connected" });
}

async function stored(appId: string) {
  const row = await db.app.findUniqueOrThrow({ where: { id: appId } });
  return { row, tokens: row.credentialsEnc ? decryptSecret<{ token: string; refreshToken?: string }>(row.credentialsEnc) : null };
}

async function audit(appId: string): Promise<string> {
  return JSON.stringify(await db.auditLog.findMany({ where: { targetId: appId }, orderBy: { at: "asc" } }));
}

describe("generic OAuth 2.0 connection (oidc-provider)", () => {
  it("admin connects with PKCE and state; tokens are stored encrypted, verified against the SCIM app, and shown without secrets", async () => {
    const app = await oauthApp();
    const { url } = await as(() => startConnection(app.id));
    const authorize = new URL(url);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("redirect_uri")).toBe(REDIRECT);
    expect(authorize.searchParams.get("scope")).toBe(SCIM_SCOPE);
    const callback = await approveHeadless(url, REDIRECT);
    expect(await as(() => finishConnection(callback.searchParams))).toEqual({ appId: app.id, error: null, health: "connected" });

    const { row, tokens } = await stored(app.id);
    expect(await server.isActiveAccessToken(tokens!.token)).toBe(true);
    expect(tokens!.refreshToken).toBeTruthy();
    expect(row.credentialsEnc).not.toContain(tokens!.token);
    expect(row).toMatchObject({ credentialKind: "oauth2", connectedBy: admin.email, health: "connected" });
    expect(row.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 3000_000);

    const status = await as(() => getConnectionStatus(app.id));
    expect(status).toMatchObject({ connected: true, info: { scopes: [SCIM_SCOPE] }, connectedBy: admin.email, clientSecretSet: true, redirectUri: REDIRECT });
    const shown = JSON.stringify(status) + (await audit(app.id));
    for (const secret of [tokens!.token, tokens!.refreshToken!, server.basicClient.clientSecret]) expect(shown).not.toContain(secret);
    expect(await audit(app.id)).toContain("app.oauth.connect");

    // The same callback again: the state is spent, nothing changes.
    expect(await as(() => finishConnection(callback.searchParams))).toEqual({ appId: app.id, error: "state_invalid" });
    expect((await stored(app.id)).tokens!.token).toBe(tokens!.token);
  });

  it("a client authenticating in the request body connects too, and connecting again is audited as a reconnect", async () => {
    const app = await oauthApp({ client: server.postClient });
    await connect(app.id);
    const first = (await stored(app.id)).tokens!.token;
    await connect(app.id);
    expect((await stored(app.id)).tokens!.token).not.toBe(first);
    expect(await audit(app.id)).toContain("app.oauth.reconnect");
  });

  it.each([
    ["missing state", (p: URLSearchParams) => p.delete("state"), "state_missing"],
    ["tampered state", (p: URLSearchParams) => p.set("state", `${p.get("state")}x`), "state_invalid"],
    ["consent denied", (p: URLSearchParams) => (p.delete("code"), p.set("error", "access_denied")), "access_denied"],
    ["invalid code", (p: URLSearchParams) => p.set("code", "not-a-real-code"), "invalid_code"],
  ] as const)("%s ends with a plain reason and nothing saved", async (_name, tamper, code) => {
    const app = await oauthApp();
    const params = await consent(app.id);
    tamper(params);
    const outcome = await as(() => finishConnection(params));
    expect(outcome.error).toBe(code);
    expect(OAUTH_FAILURES[outcome.error!]).toMatch(/\.$/);
    const { row } = await stored(app.id);
    expect(row).toMatchObject({ credentialsEnc: null, connectedAt: null, connectionInfo: null });
  });

  it("another admin's state, an expired state and a code for another redirect URI save nothing", async () => {
    const app = await oauthApp();
    const foreign = await consent(app.id);
    expect((await asRole("admin", () => finishConnection(foreign))).error).toBe("state_invalid");

    const late = await consent(app.id);
    await db.oAuthState.updateMany({ where: { appId: app.id, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await as(() => finishConnection(late))).error).toBe("state_expired");

    const moved = await consent(app.id);
    await db.oAuthState.updateMany({ where: { appId: app.id, usedAt: null }, data: { redirectUri: OTHER_REDIRECT } });
    // oidc-provider, like most servers, reports a redirect mismatch as a plain invalid_grant.
    expect((await as(() => finishConnection(moved))).error).toBe("invalid_code");
    expect((await stored(app.id)).row.credentialsEnc).toBeNull();
  });

  it("an unreachable token endpoint and a response without the needed scope save nothing", async () => {
    const closed = await oauthApp({ tokenEndpoint: `http://127.0.0.1:${await closedPort()}/token` });
    expect((await as(async () => finishConnection(await consent(closed.id)))).error).toBe("unreachable");
    const narrow = await oauthApp({ scopes: `${SCIM_SCOPE} directory:admin` });
    expect((await as(async () => finishConnection(await consent(narrow.id)))).error).toBe("missing_scope");
    for (const id of [closed.id, narrow.id]) expect((await stored(id)).row.credentialsEnc).toBeNull();
  });

  it("only admins start or finish a connection", async () => {
    const app = await oauthApp();
    const params = await consent(app.id);
    for (const role of ["approver", "auditor"] as const) {
      await expect(asRole(role, () => startConnection(app.id))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(asRole(role, () => finishConnection(params))).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await stored(app.id)).row.credentialsEnc).toBeNull();
  });

  it("the worker's SCIM client refreshes a token near expiry, saving the rotated pair; concurrent callers refresh once", async () => {
    const app = await oauthApp({ on: shortLived });
    await connect(app.id);
    const before = await stored(app.id);
    const refreshesBefore = shortLived.tokenRequests.refresh_token ?? 0;
    const [a, b] = [loadAppClient(before.row), loadAppClient(before.row)];
    const [pageA, pageB] = await Promise.all([a.listUsers(1, 1), b.listUsers(1, 1)]);
    expect(pageA.totalResults).toBe(pageB.totalResults);
    expect(shortLived.tokenRequests.refresh_token).toBe(refreshesBefore + 1);
    const after = await stored(app.id);
    expect(after.tokens!.token).not.toBe(before.tokens!.token);
    expect(after.tokens!.refreshToken).not.toBe(before.tokens!.refreshToken);
    expect(after.row.tokenRefreshedAt).not.toBeNull();
    const used = scim.requests.filter((r) => r.path === "/Users").length;
    expect(used).toBeGreaterThanOrEqual(2);
  });

  it("Verify Credentials on an OAuth app whose token is about to expire verifies with a refreshed token", async () => {
    const app = await oauthApp({ on: shortLived });
    await connect(app.id);
    const before = await stored(app.id);
    const refreshes = shortLived.tokenRequests.refresh_token ?? 0;
    expect(await as(() => verifyApp(app.id))).toMatchObject({ health: "connected", healthMessage: null });
    expect(shortLived.tokenRequests.refresh_token).toBe(refreshes + 1);
    expect((await stored(app.id)).tokens!.token).not.toBe(before.tokens!.token);
  });

  it("a 401 from the SCIM app refreshes once and repeats the call with the new token", async () => {
    const app = await oauthApp();
    await connect(app.id);
    const before = await stored(app.id);
    await server.expireAccessToken(before.tokens!.token);
    const refreshes = server.tokenRequests.refresh_token ?? 0;
    await loadAppClient(before.row).listUsers(1, 1);
    const after = await stored(app.id);
    expect(after.tokens!.token).not.toBe(before.tokens!.token);
    expect(after.row.health).toBe("connected");
    expect(server.tokenRequests.refresh_token).toBe(refreshes + 1);
  });

  it("a revoked grant marks the app reconnect needed, with an audit row, and the SCIM call says to reconnect", async () => {
    const app = await oauthApp({ on: shortLived });
    await connect(app.id);
    await shortLived.revokeAllGrants();
    const { row } = await stored(app.id);
    await expect(loadAppClient(row).listUsers(1, 1)).rejects.toThrow(RECONNECT_MESSAGE);
    const after = await stored(app.id);
    expect(after.row).toMatchObject({ health: "reconnect_needed", healthMessage: RECONNECT_MESSAGE });
    expect(await audit(app.id)).toContain("app.oauth.refresh_failed");
    // Reconnecting restores it.
    await connect(app.id);
    expect((await stored(app.id)).row.health).toBe("connected");
  });

  it("disconnect revokes at the provider, forgets the tokens and keeps the history in the audit log", async () => {
    const app = await oauthApp();
    await connect(app.id);
    const { tokens } = await stored(app.id);
    await expect(asRole("auditor", () => disconnectApp(app.id))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await as(() => disconnectApp(app.id))).toEqual({ revoked: true });
    expect(await server.isActiveAccessToken(tokens!.token)).toBe(false);
    const { row } = await stored(app.id);
    expect(row).toMatchObject({ credentialsEnc: null, connectedBy: null, connectionInfo: null, health: "reconnect_needed" });
    const history = await audit(app.id);
    expect(history).toContain("app.oauth.disconnect");
    expect(history).toContain(admin.email);
  });
});
