import "server-only";
import { ErrorCode, type OauthV2AccessResponse, type WebAPICallError } from "@slack/web-api";
import type { ConnectionInfo } from "@/lib/oauth/config";
import { OAuthFlowError } from "@/lib/oauth/errors";
import type { IssuedTokens } from "@/lib/oauth/generic-client";
import { slackAuthorizeUrl, slackClient } from "./web-client";

/** The user scope Slack's SCIM API needs. */
export const SLACK_SCIM_SCOPE = "admin";

// A person waits on these calls in the browser: fail fast instead of Slack's default half-hour retries.
const NO_RETRIES = { retryConfig: { retries: 0 }, timeout: 15_000 };

/** The Connect with Slack URL: client_id, user_scope=admin, redirect_uri and the one-time state. */
export function slackConnectUrl(input: { clientId: string; redirectUri: string; state: string }): string {
  const url = new URL(slackAuthorizeUrl());
  url.searchParams.set("client_id", input.clientId);
  url.searchParams.set("user_scope", SLACK_SCIM_SCOPE);
  url.searchParams.set("redirect_uri", input.redirectUri);
  url.searchParams.set("state", input.state);
  return url.href;
}

function isSlackError(error: unknown): error is WebAPICallError {
  return error instanceof Error && "code" in error && Object.values(ErrorCode).includes((error as { code: ErrorCode }).code);
}

/** Slack's error codes as failures the admin can act on; Slack's own text is never shown. */
function toFlowError(error: unknown): OAuthFlowError {
  if (error instanceof OAuthFlowError) return error;
  if (!isSlackError(error)) return new OAuthFlowError("unreachable");
  if (error.code === ErrorCode.RequestError) return new OAuthFlowError("unreachable");
  if (error.code !== ErrorCode.PlatformError) return new OAuthFlowError("provider_error");
  switch (error.data.error) {
    case "invalid_code":
    case "code_already_used":
    case "invalid_refresh_token":
    case "invalid_grant_type":
      return new OAuthFlowError("invalid_code");
    case "bad_redirect_uri":
    case "oauth_authorization_url_mismatch":
      return new OAuthFlowError("bad_redirect_uri");
    case "invalid_client_id":
    case "bad_client_secret":
      return new OAuthFlowError("bad_client");
    default:
      return new OAuthFlowError("provider_error");
  }
}

/** A Slack user-token grant: the SCIM bearer (xoxp) plus who and where. */
export type SlackGrant = IssuedTokens & { info: ConnectionInfo };

function grantOf(response: OauthV2AccessResponse): SlackGrant {
  const user = response.authed_user;
  const scopes = (user?.scope ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  // SCIM needs the user token with the admin scope; a bot-only install or a narrower grant is useless.
  if (!user?.access_token || !scopes.includes(SLACK_SCIM_SCOPE)) throw new OAuthFlowError("missing_scope", "Slack did not grant the admin user scope that its SCIM API needs. Nothing was saved; connect again as a Slack Org Owner or Admin and allow the request.");
  return {
    accessToken: user.access_token,
    refreshToken: user.refresh_token,
    expiresIn: typeof user.expires_in === "number" ? user.expires_in : undefined,
    scopes,
    info: {
      scopes,
      teamId: response.team?.id ?? null,
      teamName: response.team?.name ?? null,
      enterpriseId: response.enterprise?.id ?? null,
      enterpriseName: response.enterprise?.name ?? null,
      authedUserId: user.id ?? null,
    },
  };
}

/** oauth.v2.access with the code (same redirect_uri as the authorize request). */
export async function exchangeSlackCode(input: { clientId: string; clientSecret: string; code: string; redirectUri: string }): Promise<SlackGrant> {
  try {
    const response = await slackClient(undefined, NO_RETRIES).oauth.v2.access({
      client_id: input.clientId,
      client_secret: input.clientSecret,
      code: input.code,
      redirect_uri: input.redirectUri,
    });
    return grantOf(response);
  } catch (error) {
    throw toFlowError(error);
  }
}

/** oauth.v2.access with grant_type=refresh_token (token rotation): Slack returns a new pair and revokes the old. */
export async function refreshSlackToken(input: { clientId: string; clientSecret: string; refreshToken: string }): Promise<SlackGrant> {
  try {
    const response = await slackClient(undefined, NO_RETRIES).oauth.v2.access({
      client_id: input.clientId,
      client_secret: input.clientSecret,
      grant_type: "refresh_token",
      refresh_token: input.refreshToken,
    });
    // Refreshing a user token answers with the new pair at the top level (token_type "user").
    if (!response.authed_user?.access_token && typeof response.access_token === "string") {
      const { access_token, refresh_token, expires_in, scope } = response;
      return grantOf({ ...response, authed_user: { ...response.authed_user, access_token, refresh_token, expires_in, scope, token_type: "user" } });
    }
    return grantOf(response);
  } catch (error) {
    throw toFlowError(error);
  }
}

/** auth.revoke with the user token; false when Slack could not be told (the console disconnects anyway). */
export async function revokeSlackToken(token: string): Promise<boolean> {
  try {
    const response = await slackClient(token, NO_RETRIES).auth.revoke();
    return response.ok === true && (response as { revoked?: unknown }).revoked === true;
  } catch {
    return false;
  }
}
