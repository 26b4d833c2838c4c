import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { disconnectApp } from "@/lib/oauth/disconnect";
import { finishConnection } from "@/lib/oauth/finish-connection";
import { saveOAuthSettings } from "@/lib/oauth/save-oauth-settings";
import { startConnection } from "@/lib/oauth/start-connection";
import { loadAppClient } from "@/lib/provisioning/app-settings";
import { makeAdmin, unique } from "@/test/factories";
import { closedPort } from "@/test/scim-standin/closed-port";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { startSlackStandIn, type SlackStandIn } from "@/test/slack-standin";
import { STANDIN_CLIENT } from "@/test/slack-standin/oauth";

process.env.PUBLIC_URL = "http://127.0.0.1:3998";
const REDIRECT = "http://127.0.0.1:3998/api/oauth/callback";

let slack: SlackStandIn;
let scim: ScimStandIn;
let admin: Actor;
type Token = { revoked: boolean; kind: string };
const issued = () => (slack.state.oauthTokens ?? {}) as Record<string, Token>;

beforeAll(async () => {
  slack = await startSlackStandIn();
  process.env.SLACK_API_URL = slack.apiUrl;
  process.env.SLACK_OAUTH_AUTHORIZE_URL = slack.authorizeUrl;
  // Slack's SCIM API accepts the user tokens its OAuth issued and has not revoked.
  scim = await startScimStandIn({ slack: true, acceptToken: (t) => issued()[t]?.kind === "access" && !issued()[t].revoked });
  admin = await makeAdmin("admin");
});
afterAll(async () => {
  await Promise.all([slack.close(), scim.close()]);
});
const as = <T>(fn: () => Promise<T>) => runAs(admin, fn);

async function slackApp(clientSecret = STANDIN_CLIENT.secret) {
  const name = unique("Slack ");
  const app = await db.app.create({ data: { name, nameKey: name.toLowerCase(), kind: "slack", baseUrl: scim.baseUrl } });
  await as(() => saveOAuthSettings(app.id, { credentialKind: "slack_oauth", clientId: STANDIN_CLIENT.id, clientSecret }));
  return app;
}

/** Clicks Allow or Deny on the stand-in's authorize page and returns the callback's query. */
async function decide(authorizeUrl: string, decision: "allow" | "deny"): Promise<URLSearchParams> {
  const url = new URL(authorizeUrl);
  const page = await fetch(url);
  expect(await page.text()).toContain("Allow");
  const body = new URLSearchParams(url.searchParams);
  body.set("decision", decision);
  const res = await fetch(url.origin + url.pathname, { method: "POST", body, redirect: "manual" });
  const location = new URL(res.headers.get("location")!);
  expect(location.href.startsWith(REDIRECT)).toBe(true);
  return location.searchParams;
}

async function stored(appId: string) {
  const row = await db.app.findUniqueOrThrow({ where: { id: appId } });
  return { row, tokens: row.credentialsEnc ? decryptSecret<{ token: string; refreshToken?: string }>(row.credentialsEnc) : null };
}

describe("Connect with Slack (Slack stand-in)", () => {
  it("asks for user_scope=admin, stores the xoxp user token, records the team and verifies against Slack's SCIM API", async () => {
    const app = await slackApp();
    const { url } = await as(() => startConnection(app.id));
    const authorize = new URL(url);
    expect(authorize.origin + authorize.pathname).toBe(slack.authorizeUrl);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: STANDIN_CLIENT.id, user_scope: "admin", redirect_uri: REDIRECT });
    const outcome = await as(async () => finishConnection(await decide(url, "allow")));
    expect(outcome).toEqual({ appId: app.id, error: null, health: "connected" });
    const { row, tokens } = await stored(app.id);
    expect(tokens!.token).toMatch(/^xoxp-/);
    expect(JSON.parse(row.connectionInfo!)).toMatchObject({ scopes: ["admin"], teamId: "T0STANDIN", teamName: "Stand-in Workspace", authedUserId: "U0STANDIN1" });
    expect(row).toMatchObject({ connectedBy: admin.email, tokenExpiresAt: null });
    const exchange = slack.calls.filter((c) => c.method === "oauth.v2.access").at(-1)!;
    expect(exchange.token).toBeNull();
    expect(exchange.args).toMatchObject({ code: expect.any(String), redirect_uri: REDIRECT });
    const audit = JSON.stringify(await db.auditLog.findMany({ where: { targetId: app.id } }));
    expect(audit).toContain("T0STANDIN");
    for (const secret of [tokens!.token, STANDIN_CLIENT.secret]) expect(audit).not.toContain(secret);
  });

  it.each([
    ["consent denied", async (p: URLSearchParams) => p, "deny", "access_denied"],
    ["a reused code (invalid_code)", async (p: URLSearchParams) => (await fetch(`${slack.apiUrl}oauth.v2.access`, { method: "POST", body: new URLSearchParams({ client_id: STANDIN_CLIENT.id, client_secret: STANDIN_CLIENT.secret, code: p.get("code")!, redirect_uri: REDIRECT }) }), p), "allow", "invalid_code"],
  ] as const)("%s saves nothing", async (_name, arrange, decision, code) => {
    const app = await slackApp();
    const { url } = await as(() => startConnection(app.id));
    const params = await arrange(await decide(url, decision));
    expect((await as(() => finishConnection(params))).error).toBe(code);
    expect((await stored(app.id)).row.credentialsEnc).toBeNull();
  });

  it("a wrong client secret, a redirect URI mismatch, a grant without admin and an unreachable Slack save nothing", async () => {
    const wrongSecret = await slackApp("not-the-secret");
    expect((await as(async () => finishConnection(await decide((await startConnection(wrongSecret.id)).url, "allow")))).error).toBe("bad_client");

    const moved = await slackApp();
    const params = await decide((await as(() => startConnection(moved.id))).url, "allow");
    await db.oAuthState.updateMany({ where: { appId: moved.id }, data: { redirectUri: "http://127.0.0.1:3998/elsewhere" } });
    await db.oAuthState.updateMany({ where: { appId: moved.id }, data: { usedAt: null } });
    expect((await as(() => finishConnection(params))).error).toBe("bad_redirect_uri");

    const narrow = await slackApp();
    slack.state.oauthGrantScope = "users:read";
    try {
      expect((await as(async () => finishConnection(await decide((await startConnection(narrow.id)).url, "allow")))).error).toBe("missing_scope");
    } finally {
      delete slack.state.oauthGrantScope;
    }

    const offline = await slackApp();
    const offlineParams = await decide((await as(() => startConnection(offline.id))).url, "allow");
    process.env.SLACK_API_URL = `http://127.0.0.1:${await closedPort()}/api/`;
    try {
      expect((await as(() => finishConnection(offlineParams))).error).toBe("unreachable");
    } finally {
      process.env.SLACK_API_URL = slack.apiUrl;
    }
    for (const app of [wrongSecret, moved, narrow, offline]) expect((await stored(app.id)).row).toMatchObject({ credentialsEnc: null, connectionInfo: null });
  });

  it("with token rotation the worker refreshes near expiry, stores the new pair, and the old refresh token is spent", async () => {
    slack.state.oauthClients = { [STANDIN_CLIENT.id]: { secret: STANDIN_CLIENT.secret, rotation: true, expiresIn: 30 } };
    try {
      const app = await slackApp();
      await as(async () => finishConnection(await decide((await startConnection(app.id)).url, "allow")));
      const before = await stored(app.id);
      expect(before.tokens!.refreshToken).toMatch(/^xoxe-1-/);
      expect(before.row.tokenExpiresAt).not.toBeNull();
      await loadAppClient(before.row).listUsers(1, 1);
      const after = await stored(app.id);
      expect(after.tokens!.token).not.toBe(before.tokens!.token);
      expect(after.tokens!.refreshToken).not.toBe(before.tokens!.refreshToken);
      expect(issued()[before.tokens!.refreshToken!].revoked).toBe(true);
      const refresh = slack.calls.filter((c) => c.method === "oauth.v2.access").at(-1)!;
      expect(refresh.args).toMatchObject({ grant_type: "refresh_token", refresh_token: before.tokens!.refreshToken });
    } finally {
      delete slack.state.oauthClients;
    }
  });

  it("disconnect calls auth.revoke with the user token and forgets it", async () => {
    const app = await slackApp();
    await as(async () => finishConnection(await decide((await startConnection(app.id)).url, "allow")));
    const { tokens } = await stored(app.id);
    expect(await as(() => disconnectApp(app.id))).toEqual({ revoked: true });
    expect(slack.calls.filter((c) => c.method === "auth.revoke").at(-1)!.token).toBe(tokens!.token);
    expect(issued()[tokens!.token].revoked).toBe(true);
    expect((await stored(app.id)).row).toMatchObject({ credentialsEnc: null, health: "reconnect_needed" });
  });
});
