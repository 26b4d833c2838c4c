import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { makeAdmin, unique } from "@/test/factories";
import { approveHeadless, startOAuthServer, type OAuthServer } from "@/test/oauth-server";
import { SsoRefusal } from "./errors";
import { finishSsoSignIn, loginPathFor, startSsoSignIn } from "./sso-flow";

// SSO is configured through this file's environment (env wins over Settings), so these tests neither
// depend on nor disturb the Setting row that other files may write.
const CALLBACK = "http://127.0.0.1:3996/api/auth/sso/callback";
type Claims = { email?: string; email_verified?: boolean; name?: string };
const accounts: Record<string, Claims> = {};
const userinfoAccounts: Record<string, Claims> = {};
let idp: OAuthServer;
let userinfoIdp: OAuthServer;
const saved: Record<string, string | undefined> = {};

function setEnv(values: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(values)) {
    if (!(key in saved)) saved[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

function useProvider(server: OAuthServer, extra: Record<string, string | undefined> = {}) {
  setEnv({ SSO_ISSUER: server.issuer, SSO_CLIENT_ID: server.postClient.clientId, SSO_CLIENT_SECRET: server.postClient.clientSecret, SSO_CLIENT_AUTH: "post", SSO_CREATE_ROLE: undefined, SSO_ONLY: undefined, ...extra });
}

beforeAll(async () => {
  idp = await startOAuthServer({ redirectUris: [CALLBACK], autoApprove: true, accounts });
  userinfoIdp = await startOAuthServer({ redirectUris: [CALLBACK], autoApprove: true, accounts: userinfoAccounts, claimsAtUserinfoOnly: true, amr: ["pwd"] });
  setEnv({ PUBLIC_URL: "http://127.0.0.1:3996" });
});
beforeEach(() => useProvider(idp));
afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await Promise.all([idp.close(), userinfoIdp.close()]);
});

/** The provider asserts `claims` for the next sign-in. */
function providerAsserts(claims: Claims, server = idp, table = accounts): void {
  const login = unique("login");
  table[login] = claims;
  server.loginAs(login);
}

/** Starts a sign-in and follows the provider's redirects back: the callback's query and the flow cookie's value. */
async function signInAtProvider(next?: string): Promise<{ params: URLSearchParams; challengeId: string; url: URL }> {
  const started = await startSsoSignIn(next);
  const back = await approveHeadless(started.url, CALLBACK);
  return { params: back.searchParams, challengeId: started.challengeId, url: new URL(started.url) };
}

async function refusedAudit(adminId: string) {
  return db.auditLog.findMany({ where: { targetId: adminId, action: "session.sso.refused" } });
}

describe("single sign-on through an OpenID Connect provider (oidc-provider)", () => {
  it("an operator whose verified email the provider asserts signs in; the attempt is stored hashed and sealed", async () => {
    const operator = await makeAdmin("approver");
    providerAsserts({ email: operator.email.toUpperCase(), email_verified: true });
    const started = await startSsoSignIn("/groups?page=2");
    const authorize = new URL(started.url);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ scope: "openid email profile", code_challenge_method: "S256", redirect_uri: CALLBACK, response_type: "code" });
    const state = authorize.searchParams.get("state")!;
    const row = await db.authChallenge.findUniqueOrThrow({ where: { id: started.challengeId } });
    expect(row.purpose).toBe("sso");
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(row.challenge + row.data).not.toContain(state);
    expect(row.data).not.toContain(authorize.searchParams.get("nonce")!);

    const back = await approveHeadless(started.url, CALLBACK);
    const outcome = await finishSsoSignIn(back.searchParams, started.challengeId);
    expect(outcome).toMatchObject({ ok: true, next: "/groups?page=2", created: false, admin: { id: operator.id }, identity: { amr: ["pwd", "mfa"] }, issuer: idp.issuer });
    expect(await db.authChallenge.findUnique({ where: { id: started.challengeId } })).toBeNull();
  });

  it("a state is used once: the same answer again is refused", async () => {
    const operator = await makeAdmin("auditor");
    providerAsserts({ email: operator.email, email_verified: true });
    const { params, challengeId } = await signInAtProvider();
    expect((await finishSsoSignIn(params, challengeId)).ok).toBe(true);
    expect(await finishSsoSignIn(params, challengeId)).toEqual({ ok: false, code: "state" });
  });

  it("a forged state, another browser's attempt, no flow cookie or an expired attempt are refused", async () => {
    const operator = await makeAdmin("auditor");
    providerAsserts({ email: operator.email, email_verified: true });
    const mine = await signInAtProvider();
    const other = await startSsoSignIn(undefined);

    const forged = new URLSearchParams(mine.params);
    forged.set("state", "never-issued-state");
    expect(await finishSsoSignIn(forged, mine.challengeId)).toEqual({ ok: false, code: "state" });
    expect(await finishSsoSignIn(mine.params, other.challengeId)).toEqual({ ok: false, code: "state" });
    expect(await finishSsoSignIn(mine.params, undefined)).toEqual({ ok: false, code: "state" });
    const noState = new URLSearchParams(mine.params);
    noState.delete("state");
    expect(await finishSsoSignIn(noState, mine.challengeId)).toEqual({ ok: false, code: "state" });

    const late = await signInAtProvider();
    await db.authChallenge.update({ where: { id: late.challengeId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await finishSsoSignIn(late.params, late.challengeId)).toEqual({ ok: false, code: "state" });
    expect(await db.authChallenge.findUnique({ where: { id: late.challengeId } })).toBeNull();

    // Probes with a wrong state do not use up the real attempt.
    expect(await finishSsoSignIn(mine.params, mine.challengeId)).toMatchObject({ ok: true, admin: { id: operator.id } });
  });

  it("an ID token whose nonce is not the attempt's is refused (openid-client checks expectedNonce)", async () => {
    const operator = await makeAdmin("auditor");
    providerAsserts({ email: operator.email, email_verified: true });
    const { params, challengeId } = await signInAtProvider();
    const row = await db.authChallenge.findUniqueOrThrow({ where: { id: challengeId } });
    const data = JSON.parse(row.data) as { next: string; sealed: string };
    const sealed = decryptSecret<{ nonce: string; codeVerifier: string; issuer: string }>(data.sealed);
    await db.authChallenge.update({ where: { id: challengeId }, data: { data: JSON.stringify({ ...data, sealed: encryptSecret({ ...sealed, nonce: "another-nonce" }) }) } });
    expect(await finishSsoSignIn(params, challengeId)).toEqual({ ok: false, code: "state" });
  });

  it("an unknown email is refused and nobody is created", async () => {
    const email = `${unique("stranger")}@example.test`;
    providerAsserts({ email, email_verified: true });
    const { params, challengeId } = await signInAtProvider();
    expect(await finishSsoSignIn(params, challengeId)).toEqual({ ok: false, code: "unknown-email" });
    expect(await db.admin.count({ where: { email } })).toBe(0);
  });

  it("an unverified email or a disabled operator is refused, and the refusal is audited on the operator", async () => {
    const unverified = await makeAdmin("approver");
    providerAsserts({ email: unverified.email, email_verified: false });
    let attempt = await signInAtProvider();
    expect(await finishSsoSignIn(attempt.params, attempt.challengeId, { ip: "10.0.0.7" })).toEqual({ ok: false, code: "unverified-email" });
    const [row] = await refusedAudit(unverified.id);
    expect(JSON.parse(row.after!)).toEqual({ reason: "unverified-email", issuer: idp.issuer, ip: "10.0.0.7" });

    const disabled = await makeAdmin("admin", { disabled: true });
    providerAsserts({ email: disabled.email, email_verified: true });
    attempt = await signInAtProvider();
    expect(await finishSsoSignIn(attempt.params, attempt.challengeId)).toEqual({ ok: false, code: "disabled" });
    expect((await refusedAudit(disabled.id)).map((r) => JSON.parse(r.after!).reason)).toEqual(["disabled"]);
  });

  it("with creating on first sign-in, a new verified email gets an operator with the set role", async () => {
    useProvider(idp, { SSO_CREATE_ROLE: "auditor" });
    const email = `${unique("newcomer")}@example.test`;
    providerAsserts({ email, email_verified: true, name: "New Comer" });
    const { params, challengeId } = await signInAtProvider();
    const outcome = await finishSsoSignIn(params, challengeId);
    expect(outcome).toMatchObject({ ok: true, created: true, admin: { email, role: "auditor", name: "New Comer" } });
  });

  it("reads the email from userinfo when the provider keeps it out of the ID token", async () => {
    useProvider(userinfoIdp);
    const operator = await makeAdmin("approver");
    providerAsserts({ email: operator.email, email_verified: true }, userinfoIdp, userinfoAccounts);
    const { params, challengeId } = await signInAtProvider();
    expect(await finishSsoSignIn(params, challengeId)).toMatchObject({ ok: true, admin: { id: operator.id }, identity: { amr: ["pwd"] } });
  });

  it("a provider's error and a refused code end as provider-error with sanitised text", async () => {
    providerAsserts({ email: "x@example.test", email_verified: true });
    const denied = await signInAtProvider();
    denied.params.delete("code");
    denied.params.set("error", "access_denied");
    denied.params.set("error_description", "<b>The user</b> said no");
    const outcome = await finishSsoSignIn(denied.params, denied.challengeId);
    expect(outcome).toEqual({ ok: false, code: "provider-error", reason: "access_denied: b The user /b said no" });
    expect(loginPathFor(outcome as { code: "provider-error"; reason: string })).toBe("/login?error=provider-error&reason=access_denied%3A+b+The+user+%2Fb+said+no");

    const badCode = await signInAtProvider();
    badCode.params.set("code", "not-a-real-code");
    expect(await finishSsoSignIn(badCode.params, badCode.challengeId)).toMatchObject({ ok: false, code: "provider-error", reason: expect.stringMatching(/^invalid_grant/) });
  });

  it("with an unusable configuration the start and the callback are refused as not configured", async () => {
    providerAsserts({ email: "x@example.test", email_verified: true });
    const pending = await signInAtProvider();
    // An environment that sets SSO but wrongly (plain http to a remote host) is never used.
    useProvider(idp, { SSO_ISSUER: "http://idp.example.com" });
    await expect(startSsoSignIn(undefined)).rejects.toEqual(new SsoRefusal("not-configured"));
    expect(await finishSsoSignIn(pending.params, pending.challengeId)).toEqual({ ok: false, code: "not-configured" });
  });
});
