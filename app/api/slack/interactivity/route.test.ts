import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { postPendingApprovals } from "@/lib/slack/post-approvals";
import { buttonsOf, configureSlack, linkedOperator, messagesOf, pendingCreate, responsesOf } from "@/lib/slack/test-support";
import { makeAdmin, unique } from "@/test/factories";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { clickRequest, type ClickInput } from "@/test/slack-click";
import { startSlackStandIn, type SlackStandIn } from "@/test/slack-standin";
import { POST } from "./route";

let slack: SlackStandIn;
let scim: ScimStandIn;
let admin: Actor;
let approver: Actor & { slackUserId: string };

beforeAll(async () => {
  [slack, scim] = await Promise.all([startSlackStandIn(), startScimStandIn()]);
  process.env.SLACK_API_URL = slack.apiUrl;
  admin = await makeAdmin("admin");
  approver = await linkedOperator("approver");
  await configureSlack(admin);
});
afterAll(async () => {
  await Promise.all([slack.close(), scim.close()]);
});

/** A request waiting for approval whose message is posted at the stand-in. */
async function postedRequest() {
  const arranged = await pendingCreate(scim, admin);
  await runAs(admin, () => postPendingApprovals({ requestIds: [arranged.request.id] }));
  const request = await db.approvalRequest.findUniqueOrThrow({ where: { id: arranged.request.id } });
  expect(request).toMatchObject({ postState: "posted" });
  return { ...arranged, request };
}

/** Clicks as Slack does, with a response_url at the stand-in tagged for this click. */
async function click(input: Omit<ClickInput, "responseUrl"> & { tag?: string }) {
  const tag = input.tag ?? unique("click");
  const res = await POST(clickRequest({ ...input, responseUrl: `${slack.origin}/actions/response?tag=${tag}` }));
  return { status: res.status, body: await res.text(), tag };
}

async function unchanged(requestId: string) {
  const request = await db.approvalRequest.findUniqueOrThrow({ where: { id: requestId }, include: { decisions: true } });
  const jobs = await db.provisioningJob.findMany({ where: { approvalId: requestId } });
  return { status: request.status, decisions: request.decisions.length, jobs: jobs.map((j) => j.status) };
}

describe("Slack interactivity: a signed click decides the request", () => {
  it("Approve from a linked approver acks with an empty 200, releases the jobs and updates the message without buttons", async () => {
    const { request } = await postedRequest();
    const answer = await click({ requestId: request.id, slackUserId: approver.slackUserId, channelId: request.channel ?? "", messageTs: request.messageTs ?? "" });
    expect(answer).toMatchObject({ status: 200, body: "" });

    const stored = await db.approvalRequest.findUniqueOrThrow({ where: { id: request.id }, include: { decisions: true } });
    expect(stored).toMatchObject({ status: "approved", decidedBy: approver.email });
    expect(stored.decisions).toEqual([expect.objectContaining({ adminId: approver.id, slackUserId: approver.slackUserId, decision: "approve", via: "slack" })]);
    expect((await db.provisioningJob.findMany({ where: { approvalId: request.id } })).map((j) => j.status)).toEqual(["queued"]);

    await vi.waitFor(() => expect(messagesOf(slack, request.id)[0]?.updates.length).toBeGreaterThan(0), { timeout: 10_000 });
    const [message] = messagesOf(slack, request.id);
    expect(message.channel).toBe(request.channel);
    expect(buttonsOf(message.blocks)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain(`Approved* by <@${approver.slackUserId}>`);
    await vi.waitFor(async () => expect((await db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).updatePending).toBe(false));
  });

  it("Deny cancels the jobs and the message says who denied", async () => {
    const { request } = await postedRequest();
    const answer = await click({ requestId: request.id, slackUserId: approver.slackUserId, actionId: "approval_deny" });
    expect(answer.status).toBe(200);
    expect(await unchanged(request.id)).toEqual({ status: "denied", decisions: 1, jobs: ["cancelled"] });
    await vi.waitFor(() => expect(JSON.stringify(messagesOf(slack, request.id)[0]?.blocks)).toContain("*Denied* by"), { timeout: 10_000 });
  });

  it("acks before the Slack-facing work: the decision is made while chat.update is still unanswered", async () => {
    const { request } = await postedRequest();
    // Slack's later calls (chat.update, response_url) go to a server that answers only when told to.
    const { createServer } = await import("node:http");
    const held: { path: string; answer: () => void }[] = [];
    let clientGaveUp = false;
    const slow = createServer((req, res) => {
      req.on("close", () => {
        if (!res.writableEnded) clientGaveUp = true;
      });
      held.push({ path: req.url ?? "", answer: () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true })) });
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    const saved = process.env.SLACK_API_URL;
    process.env.SLACK_API_URL = `http://127.0.0.1:${(slow.address() as { port: number }).port}/api/`;
    try {
      const res = await POST(clickRequest({ requestId: request.id, slackUserId: approver.slackUserId }));
      // Had the handler waited for Slack, the client would have timed out before this answer.
      expect(res.status).toBe(200);
      expect(clientGaveUp).toBe(false);
      expect((await unchanged(request.id)).status).toBe("approved");
      await vi.waitFor(() => expect(held.map((h) => h.path)).toContain("/api/chat.update"), { timeout: 10_000 });
      held.forEach((h) => h.answer());
    } finally {
      process.env.SLACK_API_URL = saved;
      slow.closeAllConnections();
      slow.close();
    }
  });
});

describe("Slack interactivity: refused clicks change nothing", () => {
  const now = () => Math.floor(Date.now() / 1000);
  it.each<[string, Partial<ClickInput>]>([
    ["a forged signature (another secret)", { signingSecret: "ffffffffffffffffffffffffffffffff" }],
    ["a signature header that is not hex", { signature: "v0=nothex" }],
    ["no signature header", { signature: null }],
    ["no timestamp header", { timestampHeader: null }],
    ["a stale timestamp (6 minutes old)", { timestamp: now() - 360 }],
    ["a future timestamp (6 minutes ahead)", { timestamp: now() + 360 }],
  ])("%s: 401 with no detail", async (_name, change) => {
    const { request } = await postedRequest();
    const warn = vi.spyOn(console, "warn");
    const answer = await click({ requestId: request.id, slackUserId: approver.slackUserId, ...change });
    expect(answer).toMatchObject({ status: 401, body: "" });
    expect(await unchanged(request.id)).toEqual({ status: "pending", decisions: 0, jobs: ["pending_approval"] });
    expect(warn.mock.calls.flat().join("\n")).toMatch(/\[slack interactivity\] refused: (bad_signature|missing_headers|stale_timestamp)/);
    warn.mockRestore();
  });

  it("a replay of a valid click with its old timestamp is refused", async () => {
    const { request } = await postedRequest();
    const old = now() - 301;
    const original = clickRequest({ requestId: request.id, slackUserId: approver.slackUserId, timestamp: old });
    const replay = new Request(original.url, { method: "POST", headers: original.headers, body: await original.text() });
    expect((await POST(replay)).status).toBe(401);
    expect(await unchanged(request.id)).toEqual({ status: "pending", decisions: 0, jobs: ["pending_approval"] });
  });

  it.each([
    ["a body without payload", "foo=bar"],
    ["a payload that is not JSON", "payload=%7Bnot-json"],
    ["a block_actions payload without a user", `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", actions: [{ action_id: "approval_approve", value: "x" }] }))}`],
  ])("%s (signed): 400, nothing changes", async (_name, rawBody) => {
    const { request } = await postedRequest();
    const answer = await click({ requestId: request.id, slackUserId: approver.slackUserId, rawBody });
    expect(answer.status).toBe(400);
    expect(await unchanged(request.id)).toEqual({ status: "pending", decisions: 0, jobs: ["pending_approval"] });
  });

  it("an unknown action_id is acknowledged and ignored", async () => {
    const { request } = await postedRequest();
    const answer = await click({ requestId: request.id, slackUserId: approver.slackUserId, actionId: "approval_approve_all" });
    expect(answer).toMatchObject({ status: 200, body: "" });
    expect(await unchanged(request.id)).toEqual({ status: "pending", decisions: 0, jobs: ["pending_approval"] });
  });

  it.each<[string, () => Promise<{ slackUserId: string; id: string | null }>, string]>([
    ["a Slack user linked to no operator", async () => ({ slackUserId: "U0NOBODY42", id: null }), "not_linked"],
    ["an auditor (no approvals:decide)", () => linkedOperator("auditor"), "no_permission"],
    [
      "a disabled approver",
      async () => {
        const op = await linkedOperator("approver");
        await db.admin.update({ where: { id: op.id }, data: { disabled: true } });
        return op;
      },
      "approver_disabled",
    ],
  ])("%s gets an ephemeral 'not authorized'; the attempt is audited", async (_name, arrange, reason) => {
    const { request } = await postedRequest();
    const clicker = await arrange();
    const answer = await click({ requestId: request.id, slackUserId: clicker.slackUserId });
    expect(answer).toMatchObject({ status: 200, body: "" });
    expect(await unchanged(request.id)).toEqual({ status: "pending", decisions: 0, jobs: ["pending_approval"] });
    await vi.waitFor(() => expect(responsesOf(slack, answer.tag)).toHaveLength(1), { timeout: 10_000 });
    expect(responsesOf(slack, answer.tag)[0].body).toMatchObject({ response_type: "ephemeral", replace_original: false, text: expect.stringContaining("not authorized") });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "approval.slack.refused", targetId: request.id } });
    expect(JSON.parse(audit.after ?? "{}")).toMatchObject({ reason, slackUserId: clicker.slackUserId });
    expect(audit.actorId).toBe(clicker.id);
  });

  it("a click from another Slack workspace is refused even with the right signature", async () => {
    const { request } = await postedRequest();
    const answer = await click({ requestId: request.id, slackUserId: approver.slackUserId, teamId: "T0OTHERTEAM" });
    expect(answer.status).toBe(200);
    expect(await unchanged(request.id)).toEqual({ status: "pending", decisions: 0, jobs: ["pending_approval"] });
    await vi.waitFor(() => expect(JSON.stringify(responsesOf(slack, answer.tag)[0]?.body)).toContain("not authorized"), { timeout: 10_000 });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "approval.slack.refused", targetId: request.id } });
    expect(JSON.parse(audit.after ?? "{}")).toMatchObject({ reason: "other_workspace" });
  });

  it("a response_url outside Slack is never called", async () => {
    const { request } = await postedRequest();
    const calls = vi.spyOn(globalThis, "fetch");
    try {
      const res = await POST(clickRequest({ requestId: request.id, slackUserId: "U0NOBODY43", responseUrl: "https://attacker.example/collect" }));
      expect(res.status).toBe(200);
      await vi.waitFor(async () => expect(await db.auditLog.count({ where: { action: "approval.slack.refused", targetId: request.id } })).toBe(1));
      expect(calls.mock.calls.map(([url]) => String(url))).not.toContainEqual(expect.stringContaining("attacker.example"));
    } finally {
      calls.mockRestore();
    }
  });

  it("a click on an unknown request id explains and changes nothing", async () => {
    const answer = await click({ requestId: "doesnotexist123", slackUserId: approver.slackUserId });
    expect(answer.status).toBe(200);
    await vi.waitFor(() => expect(responsesOf(slack, answer.tag)).toHaveLength(1), { timeout: 10_000 });
    expect(JSON.stringify(responsesOf(slack, answer.tag)[0].body)).toContain("no longer exists");
    expect(await db.auditLog.count({ where: { action: "approval.slack.refused", targetId: "doesnotexist123" } })).toBe(1);
  });

  it("a second click on a decided request says who decided; a double click records one decision", async () => {
    const { request } = await postedRequest();
    const [first, second] = await Promise.all([
      click({ requestId: request.id, slackUserId: approver.slackUserId }),
      click({ requestId: request.id, slackUserId: approver.slackUserId, actionId: "approval_deny" }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const after = await unchanged(request.id);
    expect(after.decisions).toBe(1);
    expect(["approved", "denied"]).toContain(after.status);
    const late = await click({ requestId: request.id, slackUserId: approver.slackUserId });
    await vi.waitFor(() => expect(responsesOf(slack, late.tag)).toHaveLength(1), { timeout: 10_000 });
    expect(JSON.stringify(responsesOf(slack, late.tag)[0].body)).toContain(`already ${after.status} by ${approver.email}`);
    expect(await unchanged(request.id)).toEqual(after);
  });

  it("a click on an expired request cancels it, explains, and the message says expired", async () => {
    const { request } = await postedRequest();
    await db.approvalRequest.update({ where: { id: request.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const answer = await click({ requestId: request.id, slackUserId: approver.slackUserId });
    expect(answer.status).toBe(200);
    expect(await unchanged(request.id)).toEqual({ status: "expired", decisions: 0, jobs: ["cancelled"] });
    await vi.waitFor(() => expect(JSON.stringify(responsesOf(slack, answer.tag)[0]?.body)).toContain("expired"), { timeout: 10_000 });
    await vi.waitFor(() => expect(JSON.stringify(messagesOf(slack, request.id)[0]?.blocks)).toContain("*Expired*"), { timeout: 10_000 });
  });
});
