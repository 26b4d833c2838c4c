import "server-only";
import * as client from "openid-client";
import { writeAudit } from "@/lib/audit";
import { db, type Admin } from "@/lib/db";
import { actorOfAdmin } from "@/lib/sign-in/sign-in-flow";
import { safeNextPath } from "@/lib/sign-in/next-path";
import { createSsoChallenge, takeSsoChallenge } from "./challenge";
import { readSsoConfig, ssoCallbackUrl, type SsoConfig } from "./config";
import { sanitiseProviderText, SsoRefusal, type SsoFailureCode } from "./errors";
import { identityFromClaims, resolveSsoOperator, type SsoIdentity } from "./operator-match";
import { SsoProviderError, ssoClient } from "./provider";

/** What the console asks the provider for: an ID token with the email and name. */
export const SSO_SCOPE = "openid email profile";

// Single sign-on happens before anyone is signed in: these lib functions have no permission check.
// The route handlers (app/api/auth/sso/*) add what needs the request: the flow cookie and the session.

async function clientFor(config: SsoConfig): Promise<client.Configuration> {
  try {
    return await ssoClient(config);
  } catch (error) {
    if (error instanceof SsoProviderError) throw new SsoRefusal("provider-error", error.message);
    throw error;
  }
}

/**
 * Starts a sign-in: a fresh state, nonce and PKCE verifier (S256) stored for 10 minutes, and the
 * provider's authorization URL. The caller puts `challengeId` in the browser's flow cookie.
 */
export async function startSsoSignIn(next: string | undefined): Promise<{ url: string; challengeId: string; expiresAt: Date }> {
  const config = await readSsoConfig();
  if (!config) throw new SsoRefusal("not-configured");
  const oidc = await clientFor(config);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const { id, expiresAt } = await createSsoChallenge({ state, nonce, codeVerifier, issuer: config.issuer, next: safeNextPath(next) });
  const url = client.buildAuthorizationUrl(oidc, {
    redirect_uri: ssoCallbackUrl(),
    scope: SSO_SCOPE,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return { url: url.href, challengeId: id, expiresAt };
}

export type SsoOutcome =
  | { ok: true; admin: Admin; next: string; created: boolean; identity: SsoIdentity; issuer: string }
  | { ok: false; code: SsoFailureCode; reason?: string };

function claimOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const claim = (e as { claim?: unknown }).claim;
    if (typeof claim === "string") return claim;
  }
  return undefined;
}

/** Maps what openid-client threw during the code exchange onto a refusal; provider text is sanitised. */
function exchangeRefusal(error: unknown): SsoRefusal {
  if (error instanceof SsoRefusal) return error;
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError) {
    return new SsoRefusal("provider-error", sanitiseProviderText([error.error, error.error_description].filter(Boolean).join(": ")));
  }
  // An ID token whose nonce is not this attempt's was issued for another sign-in: a replay or an injected code.
  if (claimOf(error) === "nonce") return new SsoRefusal("state");
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error);
  if (error instanceof TypeError || /ECONNREFUSED|ENOTFOUND|fetch failed|timed? ?out|aborted/i.test(text)) {
    return new SsoRefusal("provider-error", "the provider could not be reached");
  }
  return new SsoRefusal("provider-error", "the provider's answer could not be validated");
}

async function exchange(config: SsoConfig, params: URLSearchParams, challenge: { state: string; nonce: string; codeVerifier: string }): Promise<SsoIdentity> {
  const oidc = await clientFor(config);
  // The callback URL as the provider sent the browser to it; openid-client checks state, iss, PKCE and nonce.
  const current = new URL(ssoCallbackUrl());
  for (const [key, value] of params) current.searchParams.append(key, value);
  try {
    const tokens = await client.authorizationCodeGrant(oidc, current, {
      pkceCodeVerifier: challenge.codeVerifier,
      expectedState: challenge.state,
      expectedNonce: challenge.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new SsoRefusal("provider-error", "the provider returned no ID token");
    let userinfo: Record<string, unknown> | null = null;
    if (typeof claims.email !== "string" && oidc.serverMetadata().userinfo_endpoint) {
      userinfo = await client.fetchUserInfo(oidc, tokens.access_token, claims.sub);
    }
    return identityFromClaims(claims, userinfo);
  } catch (error) {
    throw exchangeRefusal(error);
  }
}

async function auditRefusal(admin: Admin, code: SsoFailureCode, details: { issuer: string; ip?: string }): Promise<void> {
  await db.$transaction((tx) =>
    writeAudit(tx, actorOfAdmin(admin), {
      action: "session.sso.refused",
      targetType: "admin",
      targetId: admin.id,
      targetLabel: admin.email,
      after: { reason: code, issuer: details.issuer, ...(details.ip ? { ip: details.ip } : {}) },
    }),
  );
}

/**
 * Finishes a sign-in when the provider sends the browser back: takes the started attempt once (the
 * state must be the one stored in the row the flow cookie names), exchanges the code with PKCE,
 * checks the ID token's nonce, then matches the verified email to an enabled operator (or creates
 * one when the settings allow). Refusals that concern a known operator are audited.
 */
export async function finishSsoSignIn(params: URLSearchParams, challengeId: string | undefined, request: { ip?: string } = {}): Promise<SsoOutcome> {
  try {
    const challenge = await takeSsoChallenge(params.get("state"), challengeId);
    const config = await readSsoConfig();
    if (!config) throw new SsoRefusal("not-configured");
    // The settings changed while the person was at the provider: this attempt belongs to the old one.
    if (config.issuer !== challenge.issuer) throw new SsoRefusal("state");
    const error = params.get("error");
    if (error) throw new SsoRefusal("provider-error", sanitiseProviderText([error, params.get("error_description")].filter(Boolean).join(": ")));
    const identity = await exchange(config, params, challenge);
    const resolved = await resolveSsoOperator(identity, config);
    if (!resolved.ok) {
      if (resolved.admin) await auditRefusal(resolved.admin, resolved.code, { issuer: config.issuer, ip: request.ip });
      return { ok: false, code: resolved.code };
    }
    return { ok: true, admin: resolved.admin, next: challenge.next, created: resolved.created, identity, issuer: config.issuer };
  } catch (error) {
    if (error instanceof SsoRefusal) return { ok: false, code: error.code, reason: error.reason };
    throw error;
  }
}

/** The login page address for a refusal. */
export function loginPathFor(outcome: { code: SsoFailureCode; reason?: string }): string {
  const query = new URLSearchParams({ error: outcome.code });
  const reason = sanitiseProviderText(outcome.reason);
  if (outcome.code === "provider-error" && reason) query.set("reason", reason);
  return `/login?${query}`;
}
