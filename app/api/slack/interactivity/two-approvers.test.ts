import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { removeGroupMembers } from "@/lib/groups/remove-group-members";
import { seedRule } from "@/lib/approvals/test-support";
import { NO_WAIT, seedApp, seedGroup, seedPolicy } from "@/lib/provisioning/test-support";
import { drainJobs } from "@/lib/provisioning/worker/run-worker";
import { postPendingApprovals } from "@/lib/slack/post-approvals";
import { buttonsOf, configureSlack, linkedOperator, messagesOf, responsesOf } from "@/lib/slack/test-support";
import { insertUser, makeAdmin, unique } from "@/test/factories";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { clickRequest } from "@/test/slack-click";
import { startSlackStandIn, type SlackStandIn } from "@/test/slack-standin";
import { POST } from "./route";

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

async function click(requestId: string, slackUserId: string) {
  const tag = unique("click");
  const res = await POST(clickRequest({ requestId, slackUserId, responseUrl: `${slack.origin}/actions/response?tag=${tag}` }));
  return { status: res.status, tag };
}

describe("Slack interactivity: a delete needing two approvers", () => {
  it("the first click is recorded and shown, a repeat by the same person changes nothing, the second approver's click deletes", async () => {
    const app = await seedApp({ baseUrl: scim.baseUrl, token: scim.token, deprovisionMode: "delete", features: { deleteUsers: true } });
    const group = await seedGroup();
    await seedPolicy(app.id, [group.id]);
    const user = await insertUser();
    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    const drain = () => drainJobs({ appIds: [app.id], retry: NO_WAIT });
    await drain();
    await seedRule(app.id, { operations: ["delete"], twoApproversForDelete: true });
    await runAs(admin, () => removeGroupMembers(group.id, [user.id]));
    const request = await db.approvalRequest.findFirstOrThrow({ where: { appId: app.id } });
    expect(request).toMatchObject({ operation: "delete", requiredApprovals: 2 });
    await runAs(admin, () => postPendingApprovals({ requestIds: [request.id] }));
    const [first, second] = await Promise.all([linkedOperator("approver"), linkedOperator("admin")]);

    const one = await click(request.id, first.slackUserId);
    expect(one.status).toBe(200);
    await vi.waitFor(() => expect(JSON.stringify(responsesOf(slack, one.tag)[0]?.body)).toContain("waits for a second approver"), { timeout: 10_000 });
    await vi.waitFor(() => expect(JSON.stringify(messagesOf(slack, request.id)[0]?.blocks)).toContain(`Approved so far by <@${first.slackUserId}> (1 of 2)`), { timeout: 10_000 });
    expect(buttonsOf(messagesOf(slack, request.id)[0].blocks)).toHaveLength(2);

    const repeat = await click(request.id, first.slackUserId);
    await vi.waitFor(() => expect(JSON.stringify(responsesOf(slack, repeat.tag)[0]?.body)).toContain("You already approved this request"), { timeout: 10_000 });
    expect(await drain()).toEqual([]);
    expect(scim.users().some((u) => u.userName === user.userName)).toBe(true);

    await click(request.id, second.slackUserId);
    expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "approved", decidedBy: second.email });
    expect(await drain()).toMatchObject([{ status: "succeeded", action: "delete" }]);
    expect(scim.users().some((u) => u.userName === user.userName)).toBe(false);
    await vi.waitFor(() => expect(JSON.stringify(messagesOf(slack, request.id)[0]?.blocks)).toContain(`*Approved* by <@${second.slackUserId}>`), { timeout: 10_000 });
    expect(buttonsOf(messagesOf(slack, request.id)[0].blocks)).toEqual([]);
  });
});
