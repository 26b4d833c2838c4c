import "server-only";
import * as client from "openid-client";
import type { OAuth2Config } from "./config";
import { OAuthFlowError } from "./errors";

/** Tokens as a provider issued them (never logged, never stored unencrypted). */
export type IssuedTokens = { accessToken: string; refreshToken?: string; expiresIn?: number; scopes: string[] };

// openid-client (a certified, well-kept implementation) does the protocol: PKCE, state check, client
// authentication, token response validation. The configuration is built from the endpoints the admin
// entered, so no discovery document is needed.
function configuration(config: OAuth2Config, clientSecret: string | null): client.Configuration {
  const server: client.ServerMetadata = {
    issuer: new URL(config.authorizationEndpoint).origin,
    authorization_endpoint: config.authorizationEndpoint,
    token_endpoint: config.tokenEndpoint,
    revocation_endpoint: config.revocationEndpoint,
  };
  const auth = clientSecret === null ? client.None() : config.clientAuth === "post" ? client.ClientSecretPost(clientSecret) : client.ClientSecretBasic(clientSecret);
  const out = new client.Configuration(server, config.clientId, undefined, auth);
  out.timeout = 15;
  // The settings form allows http:// only for loopback addresses (lib/schemas/app.ts).
  if ([config.authorizationEndpoint, config.tokenEndpoint].some((u) => u.startsWith("http://"))) client.allowInsecureRequests(out);
  return out;
}

/** A fresh PKCE verifier and its S256 challenge. */
export async function newPkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = client.randomPKCECodeVerifier();
  return { verifier, challenge: await client.calculatePKCECodeChallenge(verifier) };
}

/** The provider's authorization URL for one connect attempt. */
export function oauth2AuthorizeUrl(config: OAuth2Config, input: { redirectUri: string; state: string; codeChallenge: string }): string {
  const params: Record<string, string> = {
    redirect_uri: input.redirectUri,
    state: input.state,
    code_challenge: input.codeChallenge,
    code_challenge_method: "S256",
  };
  if (config.scopes) params.scope = config.scopes;
  // Building the URL needs no client authentication: the secret stays out of this path.
  return client.buildAuthorizationUrl(configuration(config, null), params).href;
}

function scopesOf(granted: string | undefined, requested: string): string[] {
  // RFC 6749 5.1: no scope in the response means exactly the requested scope was granted.
  return (granted ?? requested).split(/\s+/).filter(Boolean);
}

/** Maps what openid-client threw onto a failure the admin can act on; provider text is never echoed. */
function toFlowError(error: unknown, during: "code" | "refresh"): OAuthFlowError {
  if (error instanceof OAuthFlowError) return error;
  if (error instanceof client.ResponseBodyError) {
    if (error.error === "invalid_client" || error.error === "unauthorized_client") return new OAuthFlowError("bad_client");
    if (error.error === "invalid_grant") {
      if (during === "code" && /redirect_uri/i.test(error.error_description ?? "")) return new OAuthFlowError("bad_redirect_uri");
      return new OAuthFlowError("invalid_code");
    }
    return new OAuthFlowError("provider_error");
  }
  if (error instanceof client.AuthorizationResponseError) return new OAuthFlowError(error.error === "access_denied" ? "access_denied" : "provider_error");
  if (error instanceof TypeError || (error instanceof Error && /fetch failed|ECONNREFUSED|ENOTFOUND|timed? ?out|aborted/i.test(`${error.message} ${String(error.cause ?? "")}`))) {
    return new OAuthFlowError("unreachable");
  }
  return new OAuthFlowError("provider_error");
}

function issued(response: client.TokenEndpointResponse, requested: string): IssuedTokens {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    expiresIn: typeof response.expires_in === "number" ? response.expires_in : undefined,
    scopes: scopesOf(response.scope, requested),
  };
}

/** Exchanges an authorization code (with its PKCE verifier) for tokens; requires every requested scope. */
export async function oauth2ExchangeCode(
  config: OAuth2Config,
  clientSecret: string,
  input: { redirectUri: string; code: string; state: string; codeVerifier: string },
): Promise<IssuedTokens> {
  // The callback is rebuilt from the values the console already checked (state is bound to this app's
  // endpoints), so openid-client validates exactly the code, state and PKCE of this attempt.
  const current = new URL(input.redirectUri);
  current.searchParams.set("code", input.code);
  current.searchParams.set("state", input.state);
  let tokens: IssuedTokens;
  try {
    const response = await client.authorizationCodeGrant(configuration(config, clientSecret), current, {
      pkceCodeVerifier: input.codeVerifier,
      expectedState: input.state,
    });
    tokens = issued(response, config.scopes);
  } catch (error) {
    throw toFlowError(error, "code");
  }
  const missing = config.scopes.split(/\s+/).filter((s) => s && !tokens.scopes.includes(s));
  if (missing.length > 0) throw new OAuthFlowError("missing_scope", `The provider did not grant ${missing.join(", ")}. Nothing was saved; connect again with an account that can grant it.`);
  return tokens;
}

/** Trades a refresh token for new tokens; the provider may rotate the refresh token. */
export async function oauth2Refresh(config: OAuth2Config, clientSecret: string, refreshToken: string): Promise<IssuedTokens> {
  try {
    const response = await client.refreshTokenGrant(configuration(config, clientSecret), refreshToken);
    return issued(response, config.scopes);
  } catch (error) {
    throw toFlowError(error, "refresh");
  }
}

/** Revokes a token at the provider's revocation endpoint, when it has one. */
export async function oauth2Revoke(config: OAuth2Config, clientSecret: string, token: string, hint: "access_token" | "refresh_token"): Promise<boolean> {
  if (!config.revocationEndpoint) return false;
  try {
    await client.tokenRevocation(configuration(config, clientSecret), token, { token_type_hint: hint });
    return true;
  } catch {
    return false;
  }
}
