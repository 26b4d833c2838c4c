import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackStandIn, type SlackStandIn } from "./index";
import type { StandInMessage } from "./chat";

// The stand-in must answer as Slack does (reference/slack.md section 3), for both body formats.
let slack: SlackStandIn;
let client: WebClient;
beforeAll(async () => {
  slack = await startSlackStandIn();
  client = new WebClient("xoxb-test-token", { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
});
afterAll(() => slack.close());

const blocks = [{ type: "section", text: { type: "mrkdwn", text: "hello" } }];

async function postJson(method: string, body: unknown, token = "xoxb-test-token") {
  const res = await fetch(`${slack.apiUrl}${method}`, { method: "POST", headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("Slack stand-in chat methods", () => {
  it("chat.postMessage from @slack/web-api (form body, blocks as a JSON string) stores the blocks and answers channel + ts", async () => {
    const reply = await client.chat.postMessage({ channel: "#approvals", text: "fallback", blocks });
    expect(reply).toMatchObject({ ok: true, channel: expect.stringMatching(/^C[A-Z0-9]{9}$/), ts: expect.stringMatching(/^\d+\.\d{6}$/) });
    const message = (slack.state.messages as StandInMessage[]).find((m) => m.ts === reply.ts);
    expect(message).toMatchObject({ channel: reply.channel, text: "fallback", blocks });
  });

  it("chat.update by channel id keeps omitted blocks, and a JSON body with [] removes them; names are refused", async () => {
    const posted = await client.chat.postMessage({ channel: "#approvals", text: "a", blocks });
    const channel = String(posted.channel);
    expect(await client.chat.update({ channel, ts: String(posted.ts), text: "b" })).toMatchObject({ ok: true, text: "b", message: { blocks } });
    expect(await postJson("chat.update", { channel, ts: posted.ts, text: "c", blocks: [] })).toMatchObject({ status: 200, body: { ok: true, message: { blocks: [] } } });
    expect(await postJson("chat.update", { channel: "#approvals", ts: posted.ts, text: "d" })).toMatchObject({ body: { ok: false, error: "channel_not_found" } });
    expect(await postJson("chat.update", { channel, ts: "1.000001", text: "d" })).toMatchObject({ body: { ok: false, error: "message_not_found" } });
  });

  it.each([
    ["no text and no blocks", { channel: "#a" }, "no_text"],
    ["blocks that are not Block Kit", { channel: "#a", blocks: "[{]" }, "invalid_blocks"],
    ["no channel", { text: "x" }, "channel_not_found"],
  ])("chat.postMessage with %s answers HTTP 200 ok:false %s", async (_name, body, error) => {
    expect(await postJson("chat.postMessage", body)).toEqual({ status: 200, body: { ok: false, error } });
  });

  it("auth.test and users.lookupByEmail answer Slack's shapes and errors", async () => {
    expect(await client.auth.test()).toMatchObject({ ok: true, team_id: "T0STANDIN", user_id: expect.any(String), bot_id: expect.any(String) });
    expect(await postJson("auth.test", {}, "xoxp-user")).toMatchObject({ body: { ok: false, error: "invalid_auth" } });
    slack.state.slackUsers = [{ id: "U0PAM", email: "Pam@Example.test" }];
    expect(await client.users.lookupByEmail({ email: "pam@example.test" })).toMatchObject({ ok: true, user: { id: "U0PAM", profile: { email: "Pam@Example.test" } } });
    await expect(client.users.lookupByEmail({ email: "nobody@example.test" })).rejects.toMatchObject({ code: "slack_webapi_platform_error", data: { error: "users_not_found" } });
  });

  it("a rate limit answers 429 with Retry-After, which the client surfaces as retryAfter", async () => {
    slack.rateLimit("chat.postMessage", 3);
    await expect(client.chat.postMessage({ channel: "#a", text: "x" })).rejects.toMatchObject({ code: "slack_webapi_rate_limited_error", retryAfter: 3 });
  });
});
