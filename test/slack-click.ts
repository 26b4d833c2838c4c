// Sends an Approve/Deny click exactly as Slack does: POST application/x-www-form-urlencoded with one
// field `payload=<block_actions JSON>`, signed with v0 HMAC-SHA256 over `v0:{ts}:{raw body}`
// (reference/slack.md section 4). Route tests build the Request; e2e POSTs it to the console.
import { createHmac } from "node:crypto";

/** Signing secret and bot token the tests configure (the stand-in accepts any xoxb- token). */
export const TEST_SIGNING_SECRET = "8f742231b10e8888abcd99aaabbb85a5";
export const TEST_BOT_TOKEN = "xoxb-1111-2222-standintoken";

export type ClickInput = {
  requestId: string;
  /** approval_approve | approval_deny, or anything else to test a wrong action. */
  actionId?: string;
  slackUserId: string;
  teamId?: string;
  channelId?: string;
  messageTs?: string;
  /** Where the console answers the clicker (the stand-in's /actions/response). */
  responseUrl?: string;
  signingSecret?: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Replace the signature header (forgeries); null omits it. */
  signature?: string | null;
  /** null omits the timestamp header. */
  timestampHeader?: string | null;
  /** Send this body instead of the payload (malformed input); it is still signed. */
  rawBody?: string;
};

/** The block_actions payload Slack sends for a button click on a message. */
export function blockActionsPayload(input: ClickInput) {
  const channel = input.channelId ?? "C0APPROVALS";
  const ts = input.messageTs ?? "1700000000.000100";
  const team = input.teamId ?? "T0STANDIN";
  return {
    type: "block_actions",
    user: { id: input.slackUserId, username: "approver", name: "approver", team_id: team },
    api_app_id: "A0APPROVALS",
    token: "deprecated-verification-token",
    container: { type: "message", message_ts: ts, channel_id: channel, is_ephemeral: false },
    trigger_id: "3987123456.1234567890.abcdef",
    team: { id: team, domain: "standin" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: "approvals" },
    message: { type: "message", ts, text: "Approval needed", blocks: [] },
    state: { values: {} },
    response_url: input.responseUrl ?? "https://hooks.slack.com/actions/T0STANDIN/123/xyz",
    actions: [
      {
        type: "button",
        block_id: "decide",
        action_id: input.actionId ?? "approval_approve",
        value: input.requestId,
        text: { type: "plain_text", text: "Approve", emoji: true },
        action_ts: `${Math.floor(Date.now() / 1000)}.123456`,
      },
    ],
  };
}

/** The body, headers and signature of one click. */
export function signedClick(input: ClickInput): { body: string; headers: Record<string, string> } {
  const body = input.rawBody ?? new URLSearchParams({ payload: JSON.stringify(blockActionsPayload(input)) }).toString();
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac("sha256", input.signingSecret ?? TEST_SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  const tsHeader = input.timestampHeader === undefined ? timestamp : input.timestampHeader;
  const sigHeader = input.signature === undefined ? signature : input.signature;
  if (tsHeader !== null) headers["x-slack-request-timestamp"] = tsHeader;
  if (sigHeader !== null) headers["x-slack-signature"] = sigHeader;
  return { body, headers };
}

/** A Request for calling the route handler's POST directly. */
export function clickRequest(input: ClickInput, url = "http://console.test/api/slack/interactivity"): Request {
  const { body, headers } = signedClick(input);
  return new Request(url, { method: "POST", headers, body });
}

/** POSTs a click to a running console; returns the HTTP status and body. */
export async function sendClick(consoleOrigin: string, input: ClickInput): Promise<{ status: number; body: string }> {
  const { body, headers } = signedClick(input);
  const res = await fetch(`${consoleOrigin}/api/slack/interactivity`, { method: "POST", headers, body });
  return { status: res.status, body: await res.text() };
}
