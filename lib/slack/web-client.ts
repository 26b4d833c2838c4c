import "server-only";
import { WebClient, type WebClientOptions } from "@slack/web-api";

/** Slack's Web API base; SLACK_API_URL points it at a self-hosted proxy or a test stand-in. */
export function slackApiUrl(): string {
  const url = process.env.SLACK_API_URL?.trim() || "https://slack.com/api/";
  return url.endsWith("/") ? url : `${url}/`;
}

/** Slack's OAuth v2 authorize page; SLACK_OAUTH_AUTHORIZE_URL overrides it. */
export function slackAuthorizeUrl(): string {
  return process.env.SLACK_OAUTH_AUTHORIZE_URL?.trim() || "https://slack.com/oauth/v2/authorize";
}

/**
 * A WebClient for SLACK_API_URL. `token` undefined sends no Authorization header (oauth.v2.access).
 * Callers choose the retry behaviour: the worker passes `rejectRateLimitedCalls: true` and reschedules
 * itself rather than sleeping inside a request.
 */
export function slackClient(token: string | undefined, options: Omit<WebClientOptions, "slackApiUrl"> = {}): WebClient {
  return new WebClient(token, { slackApiUrl: slackApiUrl(), ...options });
}
