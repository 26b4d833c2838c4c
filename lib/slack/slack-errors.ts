import { ErrorCode, type WebAPICallError } from "@slack/web-api";

const PLATFORM_HINTS: Record<string, string> = {
  invalid_auth: "the token is not valid",
  not_authed: "no token was sent",
  token_revoked: "the token was revoked; reinstall the Slack app and paste the new token",
  account_inactive: "the token belongs to a deactivated user or workspace",
  channel_not_found: "the channel does not exist or the app cannot see it; use the channel id or invite the app",
  not_in_channel: "the app is not in the channel; type /invite @your-app in the channel",
  is_archived: "the channel is archived; choose another",
  missing_scope: "the app lacks a scope (chat:write for posting, users:read.email for finding people by email)",
  users_not_found: "no Slack user has that email address",
  message_not_found: "the message is gone from Slack",
  invalid_blocks: "Slack rejected the message layout",
};

function isSlackError(error: unknown): error is WebAPICallError {
  return typeof error === "object" && error !== null && "code" in error && typeof (error as { code: unknown }).code === "string";
}

/** One line saying what Slack answered, never including a token. */
export function describeSlackError(error: unknown): string {
  if (!isSlackError(error)) return "Slack could not be reached";
  switch (error.code) {
    case ErrorCode.PlatformError: {
      const code = String(error.data.error ?? "unknown_error");
      return PLATFORM_HINTS[code] ? `${code} (${PLATFORM_HINTS[code]})` : code;
    }
    case ErrorCode.RateLimitedError:
      return `Slack is rate-limiting the app (retry after ${error.retryAfter} s)`;
    case ErrorCode.HTTPError:
      return `Slack answered HTTP ${error.statusCode}`;
    case ErrorCode.RequestError:
      return "Slack could not be reached (network error)";
    default:
      return "Slack could not be reached";
  }
}

/** The platform error code (`channel_not_found` …) when Slack answered ok:false, else null. */
export function platformErrorCode(error: unknown): string | null {
  return isSlackError(error) && error.code === ErrorCode.PlatformError ? String(error.data.error ?? "") : null;
}
