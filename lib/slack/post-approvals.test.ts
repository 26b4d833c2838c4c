import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideApproval } from "@/lib/approvals/decide";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { makeAdmin } from "@/test/factories";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { startSlackStandIn, type SlackStandIn } from "@/test/slack-standin";
import { postPendingApprovals } from "./post-approvals";
import { buttonsOf, configureSlack, messagesOf, pendingCreate } from "./test-support";
import { updateApprovalMessages } from "./update-approval-messages";

let slack: SlackStandIn;
let scim: ScimStandIn;
let admin: Actor;

beforeAll(async () => {
  [slack, scim] = await Promise.all([startSlackStandIn(), startScimStandIn()]);
  process.env.SLACK_API_URL = slack.apiUrl;
  admin = await makeAdmin("admin");
  await configureSlack(admin);
});
afterAll(async () => {
  await Promise.all([slack.close(), scim.close()]);
});

const post = (requestId: string, now?: Date) => runAs(admin, () => postPendingApprovals({ requestIds: [requestId], now }));
const stored = (id: string) => db.approvalRequest.findUniqueOrThrow({ where: { id } });

describe("posting approval requests to Slack", () => {
  it("posts once with who, what, who asked, expiry and Approve/Deny buttons (Deny confirms), then stores channel and ts", async () => {
    const { request, user, app } = await pendingCreate(scim, admin);
    expect(request).toMatchObject({ postState: "pending", requestedBy: admin.email });
    expect(await post(request.id)).toMatchObject({ posted: 1 });
    expect(await post(request.id)).toMatchObject({ posted: 0 });

    const calls = slack.calls.filter((c) => c.method === "chat.postMessage" && String(c.args.blocks).includes(request.id));
    expect(calls).toHaveLength(1);
    // @slack/web-api sends form-urlencoded with blocks JSON-stringified, as Slack expects.
    expect(calls[0].contentType).toContain("application/x-www-form-urlencoded");
    expect(calls[0].args).toMatchObject({ channel: "#approvals", text: `Approval needed: ${request.summary}` });

    const [message] = messagesOf(slack, request.id);
    const text = JSON.stringify(message.blocks);
    for (const fact of [request.summary, app.name, user.userName, admin.email, "*Expires*", "*Requested*", "create"]) expect(text).toContain(fact);
    expect(buttonsOf(message.blocks)).toEqual([
      expect.objectContaining({ action_id: "approval_approve", value: request.id }),
      expect.objectContaining({ action_id: "approval_deny", value: request.id, confirm: expect.objectContaining({ confirm: { type: "plain_text", text: "Deny" } }) }),
    ]);
    expect(await stored(request.id)).toMatchObject({ postState: "posted", channel: message.channel, messageTs: message.ts, postAttempts: 1, postError: null });
  });

  it("posts to the rule's channel when it names one", async () => {
    const { request } = await pendingCreate(scim, admin, { channel: "#hr-approvals" });
    await post(request.id);
    const call = slack.calls.find((c) => c.method === "chat.postMessage" && String(c.args.blocks).includes(request.id));
    expect(call?.args.channel).toBe("#hr-approvals");
  });

  it("a rate-limited post waits Retry-After and then posts; the request stays pending with the reason", async () => {
    const { request } = await pendingCreate(scim, admin);
    slack.rateLimit("chat.postMessage", 7);
    const now = new Date();
    expect(await post(request.id, now)).toMatchObject({ posted: 0, retrying: 1 });
    const waiting = await stored(request.id);
    expect(waiting).toMatchObject({ status: "pending", postState: "pending", postAttempts: 1 });
    expect(waiting.nextPostAt?.getTime()).toBe(now.getTime() + 7_000);
    expect(waiting.postError).toContain("rate-limiting");
    expect(await post(request.id, new Date(now.getTime() + 6_000))).toMatchObject({ posted: 0, retrying: 0 });
    expect(await post(request.id, new Date(now.getTime() + 7_000))).toMatchObject({ posted: 1 });
    expect(await stored(request.id)).toMatchObject({ postState: "posted", postAttempts: 2, postError: null });
  });

  it("Slack unreachable: the request stays pending and visible with the error, and is posted when Slack is back", async () => {
    const { request } = await pendingCreate(scim, admin);
    const saved = process.env.SLACK_API_URL;
    process.env.SLACK_API_URL = "http://127.0.0.1:9/api/";
    const now = new Date();
    try {
      expect(await post(request.id, now)).toMatchObject({ retrying: 1 });
    } finally {
      process.env.SLACK_API_URL = saved;
    }
    const waiting = await stored(request.id);
    expect(waiting).toMatchObject({ status: "pending", postState: "pending" });
    expect(waiting.postError).toContain("could not be reached");
    expect(await db.provisioningJob.count({ where: { approvalId: request.id, status: "pending_approval" } })).toBe(1);
    expect(await post(request.id, new Date(now.getTime() + 60_000))).toMatchObject({ posted: 1 });
  });

  it("a refusal an admin must fix marks the post failed; saving Slack settings posts it again", async () => {
    const { request } = await pendingCreate(scim, admin);
    slack.failWith("chat.postMessage", "not_in_channel");
    expect(await post(request.id)).toMatchObject({ failed: 1 });
    const failed = await stored(request.id);
    expect(failed).toMatchObject({ status: "pending", postState: "failed" });
    expect(failed.postError).toContain("not_in_channel (the app is not in the channel");
    await configureSlack(admin);
    expect(await stored(request.id)).toMatchObject({ postState: "pending", postError: null });
    expect(await post(request.id)).toMatchObject({ posted: 1 });
  });

  it("after a decision the message is updated once with the outcome and no buttons", async () => {
    const { request } = await pendingCreate(scim, admin);
    await post(request.id);
    const approver = await makeAdmin("approver");
    await runAs(approver, () => decideApproval({ requestId: request.id, decision: "deny", approver: { adminId: approver.id, email: approver.email }, via: "console" }));
    expect(await runAs(admin, () => updateApprovalMessages({ requestIds: [request.id] }))).toMatchObject({ updated: 1 });
    expect(await runAs(admin, () => updateApprovalMessages({ requestIds: [request.id] }))).toMatchObject({ updated: 0 });
    const [message] = messagesOf(slack, request.id);
    expect(message.updates).toHaveLength(1);
    expect(buttonsOf(message.blocks)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain(`*Denied* by ${approver.email}`);
    expect(message.text).toBe(`Denied: ${request.summary}`);
    expect(await stored(request.id)).toMatchObject({ updatePending: false });
  });

  it("a decision made before the post is shown in the message once it is posted", async () => {
    const { request } = await pendingCreate(scim, admin);
    const approver = await makeAdmin("approver");
    await runAs(approver, () => decideApproval({ requestId: request.id, decision: "approve", approver: { adminId: approver.id, email: approver.email }, via: "console" }));
    // Decided in the console first: no message is needed any more.
    expect(await post(request.id)).toMatchObject({ posted: 0 });
    expect(messagesOf(slack, request.id)).toEqual([]);
  });

  it("only the poster's permission holder may run it", async () => {
    const auditor = await makeAdmin("auditor");
    await expect(runAs(auditor, () => postPendingApprovals({ requestIds: [] }))).rejects.toThrow("permission");
    await expect(runAs(auditor, () => updateApprovalMessages({ requestIds: [] }))).rejects.toThrow("permission");
  });
});
