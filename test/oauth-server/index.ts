// A real OAuth 2.0 authorization server for tests, built on oidc-provider: authorization code with PKCE,
// client_secret_basic and client_secret_post clients, refresh tokens with rotation, revocation, and
// configurable token lifetime. It renders its own login and consent pages (or approves headlessly for
// integration tests) and can tell the SCIM stand-in whether an access token is live. With `accounts` it
// is also an OpenID Connect provider for console sign-in: a login name maps to the claims it asserts
// (email, email_verified, name) in the ID token (or only at userinfo), and sign-ins carry an `amr`.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Adapter, type AdapterPayload } from "oidc-provider";

/** The resource the access tokens are for, and the scope a SCIM app asks for. */
export const SCIM_RESOURCE = "urn:console-test:scim";
export const SCIM_SCOPE = "scim";

export type OAuthServerOptions = {
  port?: number;
  /** Where clients may redirect to (the console's /api/oauth/callback). */
  redirectUris: string[];
  /** Access token lifetime in seconds (default 3600); shorten it to test refresh. */
  accessTokenTtl?: number;
  /** true: login and consent are approved without pages (integration tests). */
  autoApprove?: boolean;
  /** OpenID Connect sign-in: login name -> the claims asserted about it (scopes email and profile). */
  accounts?: Record<string, { email?: string; email_verified?: boolean | string; name?: string }>;
  /** true: email and profile claims only at userinfo, not in the ID token (as some providers do). */
  claimsAtUserinfoOnly?: boolean;
  /** The authentication methods a sign-in reports (the ID token's `amr`); default ["pwd", "mfa"]. */
  amr?: string[];
};

export type TestClient = { clientId: string; clientSecret: string; clientAuth: "basic" | "post" };

export interface OAuthServer {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint: string;
  /** Client authenticating with HTTP Basic, and one sending its secret in the body. */
  basicClient: TestClient;
  postClient: TestClient;
  /** Whether `token` is a live access token of this server (the SCIM stand-in's check). */
  isActiveAccessToken(token: string): Promise<boolean>;
  /** Ends one access token early, leaving its refresh token good (the resource server then answers 401). */
  expireAccessToken(token: string): Promise<void>;
  /** Revokes every refresh token and grant (the user removed the app's access). */
  revokeAllGrants(): Promise<void>;
  /** How many token endpoint calls per grant type were made. */
  tokenRequests: Record<string, number>;
  /** The login name an autoApprove server signs in as from now on (default "test-admin"). */
  loginAs(accountId: string): void;
  close(): Promise<void>;
}

// oidc-provider's in-memory adapter cannot list what it holds; this one can, so a test can revoke everything.
function memoryAdapters() {
  const stores = new Map<string, Map<string, { payload: AdapterPayload; expiresAt: number }>>();
  const live = (entry: { payload: AdapterPayload; expiresAt: number } | undefined) => (entry && entry.expiresAt > Date.now() ? entry.payload : undefined);
  class MemoryAdapter implements Adapter {
    readonly store: Map<string, { payload: AdapterPayload; expiresAt: number }>;
    constructor(name: string) {
      this.store = stores.get(name) ?? new Map();
      stores.set(name, this.store);
    }
    async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
      this.store.set(id, { payload, expiresAt: Date.now() + (expiresIn ? expiresIn * 1000 : 3_600_000) });
    }
    async find(id: string) {
      return live(this.store.get(id));
    }
    async findByUserCode(userCode: string) {
      return [...this.store.values()].map(live).find((p) => p?.userCode === userCode);
    }
    async findByUid(uid: string) {
      return [...this.store.values()].map(live).find((p) => p?.uid === uid);
    }
    async consume(id: string) {
      const entry = this.store.get(id);
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      this.store.delete(id);
    }
    async revokeByGrantId(grantId: string) {
      for (const store of stores.values()) for (const [id, entry] of store) if (entry.payload.grantId === grantId) store.delete(id);
    }
  }
  const clearGrants = () => {
    for (const name of ["RefreshToken", "AccessToken", "Grant"]) stores.get(name)?.clear();
  };
  return { MemoryAdapter, clearGrants };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
function html(res: ServerResponse, title: string, body: string) {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`);
}
async function form(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/** Starts the authorization server on 127.0.0.1. */
export async function startOAuthServer(options: OAuthServerOptions): Promise<OAuthServer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { MemoryAdapter, clearGrants } = memoryAdapters();
  const basicClient: TestClient = { clientId: "console-basic", clientSecret: "basic-client-secret-for-tests-0001", clientAuth: "basic" };
  const postClient: TestClient = { clientId: "console-post", clientSecret: "post-client-secret-for-tests-0002", clientAuth: "post" };
  const client = (c: TestClient) => ({
    client_id: c.clientId,
    client_secret: c.clientSecret,
    redirect_uris: options.redirectUris,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: c.clientAuth === "basic" ? "client_secret_basic" : "client_secret_post",
  });
  const ttl = options.accessTokenTtl ?? 3600;
  const provider = new Provider(issuer, {
    adapter: MemoryAdapter,
    clients: [client(basicClient), client(postClient)],
    scopes: ["openid", "offline_access", "email", "profile", SCIM_SCOPE],
    claims: { openid: ["sub", "amr"], email: ["email", "email_verified"], profile: ["name"] },
    conformIdTokenClaims: options.claimsAtUserinfoOnly ?? false,
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // SCIM connections get tokens for the SCIM resource; an OpenID sign-in (no "scim" scope) gets one for userinfo.
        defaultResource: async (ctx: { oidc?: { params?: { scope?: unknown } } }) => {
          const scope = ctx.oidc?.params?.scope;
          return typeof scope === "string" && !scope.split(" ").includes(SCIM_SCOPE) ? undefined : SCIM_RESOURCE;
        },
        useGrantedResource: async () => true,
        getResourceServerInfo: async () => ({ scope: SCIM_SCOPE, audience: SCIM_RESOURCE, accessTokenTTL: ttl, accessTokenFormat: "opaque" }),
      },
    },
    pkce: { required: () => true },
    issueRefreshToken: async () => true,
    rotateRefreshToken: () => true,
    expiresWithSession: async () => false,
    ttl: { AccessToken: ttl, RefreshToken: 14 * 24 * 3600, Grant: 14 * 24 * 3600, Session: 3600, Interaction: 600, AuthorizationCode: 60 },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ ...options.accounts?.[sub], sub }) }),
    cookies: { keys: ["test-cookie-key-not-secret"] },
  });
  const tokenRequests: Record<string, number> = {};
  provider.on("grant.success", (...args: unknown[]) => {
    const ctx = args[0] as { oidc?: { params?: { grant_type?: string } } };
    const type = ctx.oidc?.params?.grant_type ?? "unknown";
    tokenRequests[type] = (tokenRequests[type] ?? 0) + 1;
  });
  const callback = provider.callback();
  let autoLogin = "test-admin";
  const amr = options.amr ?? ["pwd", "mfa"];

  async function finishConsent(req: IncomingMessage, res: ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    const missingScopes = (details.prompt.details.missingOIDCScope as string[] | undefined) ?? [];
    const missingResource = (details.prompt.details.missingResourceScopes as Record<string, string[]> | undefined) ?? {};
    const grant = new provider.Grant({ accountId: details.session?.accountId, clientId: String(details.params.client_id) });
    if (missingScopes.length > 0) grant.addOIDCScope(missingScopes.join(" "));
    for (const [resource, scopes] of Object.entries(missingResource)) grant.addResourceScope(resource, scopes.join(" "));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
    const details = await provider.interactionDetails(req, res);
    if (options.autoApprove && req.method === "GET") {
      if (details.prompt.name === "login") return provider.interactionFinished(req, res, { login: { accountId: autoLogin, amr } }, { mergeWithLastSubmission: false });
      return finishConsent(req, res);
    }
    if (req.method === "POST" && action === "login") {
      const body = await form(req);
      const username = body.get("username")?.trim();
      if (!username) return html(res, "Sign in to the test authorization server", `<p role="alert">Enter a username.</p>`);
      return provider.interactionFinished(req, res, { login: { accountId: username, amr } }, { mergeWithLastSubmission: false });
    }
    if (req.method === "POST" && action === "confirm") return finishConsent(req, res);
    if (req.method === "POST" && action === "abort") {
      return provider.interactionFinished(req, res, { error: "access_denied", error_description: "The user denied the request." }, { mergeWithLastSubmission: false });
    }
    if (details.prompt.name === "login") {
      return html(
        res,
        "Sign in to the test authorization server",
        `<form method="post" action="/interaction/${uid}/login"><p><label>Username <input name="username" autocomplete="username"></label></p>` +
          `<p><label>Password <input name="password" type="password"></label></p><button type="submit">Sign in</button></form>`,
      );
    }
    return html(
      res,
      "Authorize access",
      `<p>${escape(String(details.params.client_id))} asks for: ${escape(String(details.params.scope ?? SCIM_SCOPE))}</p>` +
        `<form method="post" action="/interaction/${uid}/confirm"><button type="submit">Allow</button></form>` +
        `<form method="post" action="/interaction/${uid}/abort"><button type="submit">Deny</button></form>`,
    );
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([^/?]+)(?:\/(login|confirm|abort))?/.exec(req.url ?? "");
    if (!match) return callback(req, res);
    interaction(req, res, match[1], match[2]).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain" });
      res.end(`Interaction failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  });

  return {
    issuer,
    authorizationEndpoint: `${issuer}/auth`,
    tokenEndpoint: `${issuer}/token`,
    revocationEndpoint: `${issuer}/token/revocation`,
    basicClient,
    postClient,
    tokenRequests,
    isActiveAccessToken: async (token) => Boolean(await provider.AccessToken.find(token)),
    expireAccessToken: async (token) => {
      await (await provider.AccessToken.find(token))?.destroy();
    },
    revokeAllGrants: async () => clearGrants(),
    loginAs: (accountId) => {
      autoLogin = accountId;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Follows an authorize URL like a browser whose user approves (the server must be autoApprove):
 * keeps cookies across redirects and returns the callback URL with code and state.
 */
export async function approveHeadless(authorizeUrl: string, redirectUri: string): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = authorizeUrl;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, { redirect: "manual", headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = res.headers.get("location");
    if (!location) throw new Error(`The authorization server stopped at ${url} with HTTP ${res.status}: ${await res.text()}`);
    const next = new URL(location, url);
    if (next.href.startsWith(redirectUri)) return next;
    url = next.href;
  }
  throw new Error("Too many redirects at the authorization server.");
}
