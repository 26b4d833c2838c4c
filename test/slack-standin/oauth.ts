// OAuth v2 as Slack does it (reference/slack.md section 2): the authorize page with Allow / Deny,
// oauth.v2.access for codes and refresh tokens (optional rotation), and auth.revoke.
// Tests arrange it through the shared state:
//   oauthClients   { [clientId]: { secret, rotation?: boolean, expiresIn?: number } }  (default: STANDIN_CLIENT)
//   oauthUserToken  the xoxp token to issue (e.g. the SCIM stand-in's token), else a random one
//   oauthGrantScope the user scope actually granted (default: what was asked)
//   oauthTeam       { id, name } (default T0STANDIN / Stand-in Workspace)
import { randomBytes } from "node:crypto";
import type { MethodHandler, RouteHandler, SlackCall, SlackStandInState } from "./types";

/** The client the stand-in knows when a test configures none. */
export const STANDIN_CLIENT = { id: "1111111111.2222222222", secret: "standin-client-secret-0000" };
const CODE_TTL_MS = 10 * 60_000;

type Client = { secret: string; rotation?: boolean; expiresIn?: number };
type Code = { clientId: string; redirectUri: string; userScope: string; used: boolean; expiresAt: number };
type Token = { clientId: string; kind: "access" | "refresh"; revoked: boolean; userId: string; scope: string };

function clients(state: SlackStandInState): Record<string, Client> {
  return (state.oauthClients as Record<string, Client> | undefined) ?? { [STANDIN_CLIENT.id]: { secret: STANDIN_CLIENT.secret } };
}
function table<T>(state: SlackStandInState, key: string): Record<string, T> {
  return ((state[key] as Record<string, T> | undefined) ?? (state[key] = {})) as Record<string, T>;
}
const random = (prefix: string) => `${prefix}${randomBytes(12).toString("hex")}`;
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

const authorize: RouteHandler = (req, res, url, raw, state) => {
  const params = req.method === "POST" ? new URLSearchParams(raw) : url.searchParams;
  const clientId = params.get("client_id") ?? "";
  const redirectUri = params.get("redirect_uri") ?? "";
  const userScope = params.get("user_scope") ?? "";
  const oauthState = params.get("state") ?? "";
  const html = (status: number, text: string): void => {
    res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
    res.end(text);
  };
  if (!clients(state)[clientId]) return html(400, page("Something went wrong", "<p>invalid_client_id: this app is not known to Slack.</p>"));
  if (!/^https?:\/\//.test(redirectUri)) return html(400, page("Something went wrong", "<p>bad_redirect_uri</p>"));
  const back = new URL(redirectUri);
  if (req.method === "POST") {
    if (params.get("decision") === "allow") {
      const code = random("code-");
      table<Code>(state, "oauthCodes")[code] = { clientId, redirectUri, userScope, used: false, expiresAt: Date.now() + CODE_TTL_MS };
      back.searchParams.set("code", code);
    } else {
      back.searchParams.set("error", "access_denied");
    }
    back.searchParams.set("state", oauthState);
    res.writeHead(302, { location: back.href });
    res.end();
    return;
  }
  const team = (state.oauthTeam as { name?: string } | undefined)?.name ?? "Stand-in Workspace";
  const hidden = ["client_id", "redirect_uri", "user_scope", "scope", "state"]
    .map((name) => `<input type="hidden" name="${name}" value="${escape(params.get(name) ?? "")}">`)
    .join("");
  return html(
    200,
    page(
      `Slack stand-in is requesting permission to access ${team}`,
      `<p>Requested user scopes: ${escape(userScope || "(none)")}</p><form method="post" action="/oauth/v2/authorize">${hidden}` +
        `<button type="submit" name="decision" value="allow">Allow</button> <button type="submit" name="decision" value="deny">Deny</button></form>`,
    ),
  );
};

function credentials(call: SlackCall): { id: string; secret: string } {
  if (call.basicAuth) return { id: call.basicAuth.user, secret: call.basicAuth.password };
  return { id: String(call.args.client_id ?? ""), secret: String(call.args.client_secret ?? "") };
}

function issue(state: SlackStandInState, clientId: string, userId: string, scope: string) {
  const client = clients(state)[clientId];
  const tokens = table<Token>(state, "oauthTokens");
  const access = typeof state.oauthUserToken === "string" ? state.oauthUserToken : random("xoxp-");
  tokens[access] = { clientId, kind: "access", revoked: false, userId, scope };
  if (!client.rotation) return { access_token: access };
  const refresh = random("xoxe-1-");
  tokens[refresh] = { clientId, kind: "refresh", revoked: false, userId, scope };
  return { access_token: access, refresh_token: refresh, expires_in: client.expiresIn ?? 43_200 };
}

const access: MethodHandler = (call, state) => {
  const { id, secret } = credentials(call);
  const client = clients(state)[id];
  if (!client) return { body: { ok: false, error: "invalid_client_id" } };
  if (client.secret !== secret) return { body: { ok: false, error: "bad_client_secret" } };
  const team = (state.oauthTeam as { id: string; name: string } | undefined) ?? { id: "T0STANDIN", name: "Stand-in Workspace" };
  const common = { ok: true, app_id: "A0STANDIN", team, enterprise: null, is_enterprise_install: false };
  const grantType = String(call.args.grant_type ?? "authorization_code");
  if (grantType === "refresh_token") {
    const tokens = table<Token>(state, "oauthTokens");
    const old = tokens[String(call.args.refresh_token ?? "")];
    if (!old || old.kind !== "refresh" || old.revoked || old.clientId !== id) return { body: { ok: false, error: "invalid_refresh_token" } };
    // Each refresh returns a new pair and revokes the old refresh token.
    old.revoked = true;
    const pair = issue(state, id, old.userId, old.scope);
    return { body: { ...common, ...pair, token_type: "user", scope: old.scope, authed_user: { id: old.userId } } };
  }
  if (grantType !== "authorization_code") return { body: { ok: false, error: "invalid_grant_type" } };
  const code = table<Code>(state, "oauthCodes")[String(call.args.code ?? "")];
  if (!code || code.used || code.expiresAt < Date.now() || code.clientId !== id) return { body: { ok: false, error: "invalid_code" } };
  code.used = true;
  if (String(call.args.redirect_uri ?? "") !== code.redirectUri) return { body: { ok: false, error: "bad_redirect_uri" } };
  const scope = typeof state.oauthGrantScope === "string" ? state.oauthGrantScope : code.userScope;
  const userId = "U0STANDIN1";
  const pair = issue(state, id, userId, scope);
  return { body: { ...common, authed_user: { id: userId, scope, ...pair, token_type: "user" } } };
};

const revoke: MethodHandler = (call, state) => {
  const token = call.token ? table<Token>(state, "oauthTokens")[call.token] : undefined;
  if (!call.token) return { body: { ok: false, error: "not_authed" } };
  if (!token || token.revoked) return { body: { ok: false, error: "invalid_auth" } };
  const test = call.args.test === true || call.args.test === "true" || call.args.test === "1";
  if (!test) token.revoked = true;
  return { body: { ok: true, revoked: !test } };
};

export const oauthMethods: Record<string, MethodHandler> = { "oauth.v2.access": access, "auth.revoke": revoke };
export const oauthRoutes: Record<string, RouteHandler> = { "/oauth/v2/authorize": authorize };
