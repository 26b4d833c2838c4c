import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { removeGroupMembers } from "@/lib/groups/remove-group-members";
import { NO_WAIT, eventsOf, jobsOf, seedApp, seedGroup, seedPolicy } from "@/lib/provisioning/test-support";
import { drainJobs } from "@/lib/provisioning/worker/run-worker";
import { insertUser, makeAdmin } from "@/test/factories";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { decideApproval, type DecideResult } from "./decide";
import { expireApprovals } from "./expire";
import { requestsOf, seedRule } from "./test-support";

let standIn: ScimStandIn;
let admin: Actor;
let approver: Actor;
let approver2: Actor;

beforeAll(async () => {
  standIn = await startScimStandIn();
  [admin, approver, approver2] = await Promise.all([makeAdmin("admin"), makeAdmin("approver"), makeAdmin("approver")]);
});
afterAll(() => standIn.close());

const remote = (userName: string) => standIn.users().find((u) => u.userName === userName);

function decide(actor: Actor, requestId: string, decision: "approve" | "deny", via: "console" | "slack" = "console"): Promise<DecideResult> {
  return runAs(actor, () => decideApproval({ requestId, decision, approver: { adminId: actor.id, email: actor.email, slackUserId: via === "slack" ? "U123" : null }, via }));
}

/** A user whose creation in a fresh app waits for approval. */
async function pendingCreate() {
  const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
  const group = await seedGroup();
  await seedPolicy(app.id, [group.id]);
  await seedRule(app.id, { operations: ["create"] });
  const user = await insertUser();
  await runAs(admin, () => addGroupMembers(group.id, [user.id]));
  const [request] = await requestsOf(app.id);
  return { app, user, request, drain: () => drainJobs({ appIds: [app.id], retry: NO_WAIT }) };
}

describe("deciding an approval request", () => {
  it("approve releases the jobs and the worker creates the account at the app", async () => {
    const { app, user, request, drain } = await pendingCreate();
    expect(await decide(approver, request.id, "approve", "slack")).toEqual({ kind: "decided", status: "approved", requestId: request.id });

    const stored = await db.approvalRequest.findUniqueOrThrow({ where: { id: request.id }, include: { decisions: true } });
    expect(stored).toMatchObject({ status: "approved", decidedBy: approver.email, updatePending: true });
    expect(stored.decisions).toEqual([expect.objectContaining({ adminId: approver.id, approverEmail: approver.email, decision: "approve", via: "slack", slackUserId: "U123" })]);
    expect((await jobsOf(app.id)).map((j) => j.status)).toEqual(["queued"]);
    const approved = (await eventsOf(app.id)).filter((e) => e.outcome === "approved");
    expect(approved).toEqual([expect.objectContaining({ approvalId: request.id, action: "create", userIdentifier: user.userName, message: `Approved by ${approver.email}; the change is queued for the app.` })]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "approval.approve", targetId: request.id } });
    expect(audit).toMatchObject({ actorId: approver.id, actorEmail: approver.email, targetLabel: request.summary });

    expect(await drain()).toMatchObject([{ status: "succeeded", action: "create" }]);
    expect(remote(user.userName)).toMatchObject({ active: true });
  });

  it("deny cancels the jobs with a denied event and nothing reaches the app", async () => {
    const { app, user, request, drain } = await pendingCreate();
    expect(await decide(approver, request.id, "deny")).toEqual({ kind: "decided", status: "denied", requestId: request.id });
    expect((await jobsOf(app.id)).map((j) => j.status)).toEqual(["cancelled"]);
    const denied = (await eventsOf(app.id)).filter((e) => e.outcome === "denied");
    expect(denied).toEqual([expect.objectContaining({ approvalId: request.id, action: "create", userIdentifier: user.userName, message: `Denied by ${approver.email}; the change was not made.` })]);
    expect(await db.auditLog.count({ where: { action: "approval.deny", targetId: request.id, actorId: approver.id } })).toBe(1);
    expect(await drain()).toEqual([]);
    expect(remote(user.userName)).toBeUndefined();
  });

  it("a second click on a decided request changes nothing and says who decided", async () => {
    const { app, request } = await pendingCreate();
    await decide(approver, request.id, "approve");
    const again = await decide(approver2, request.id, "deny");
    expect(again).toMatchObject({ kind: "already", status: "approved", decidedBy: approver.email, requestId: request.id });
    expect((await jobsOf(app.id)).map((j) => j.status)).toEqual(["queued"]);
    expect(await db.approvalDecision.count({ where: { requestId: request.id } })).toBe(1);
  });

  it("two approvers deciding at the same moment: exactly one decision applies", async () => {
    const { app, request } = await pendingCreate();
    const results = await Promise.all([decide(approver, request.id, "approve"), decide(approver2, request.id, "deny")]);
    const decided = results.filter((r) => r.kind === "decided");
    expect(decided).toHaveLength(1);
    expect(results.filter((r) => r.kind === "already")).toHaveLength(1);
    const stored = await db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(stored.status).toBe(decided[0].kind === "decided" ? decided[0].status : "none");
    expect(await db.approvalDecision.count({ where: { requestId: request.id } })).toBe(1);
    expect((await jobsOf(app.id)).map((j) => j.status)).toEqual([stored.status === "approved" ? "queued" : "cancelled"]);
    expect(await db.auditLog.count({ where: { targetId: request.id, action: { in: ["approval.approve", "approval.deny"] } } })).toBe(1);
  });

  it("a double click by the same approver applies once", async () => {
    const { request } = await pendingCreate();
    const results = await Promise.all([decide(approver, request.id, "approve"), decide(approver, request.id, "approve")]);
    expect(results.map((r) => r.kind).sort()).toEqual(["already", "decided"]);
    expect(await db.approvalDecision.count({ where: { requestId: request.id } })).toBe(1);
  });

  it("a delete needing two approvers waits for a second, different approver", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token, deprovisionMode: "delete", features: { deleteUsers: true } });
    const group = await seedGroup();
    await seedPolicy(app.id, [group.id]);
    const user = await insertUser();
    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    const drain = () => drainJobs({ appIds: [app.id], retry: NO_WAIT });
    await drain();
    expect(remote(user.userName)).toBeDefined();
    await seedRule(app.id, { operations: ["delete"], twoApproversForDelete: true });

    await runAs(admin, () => removeGroupMembers(group.id, [user.id]));
    const [request] = await requestsOf(app.id);
    expect(request).toMatchObject({ operation: "delete", requiredApprovals: 2 });

    expect(await decide(approver, request.id, "approve")).toEqual({ kind: "decided", status: "pending", requestId: request.id });
    expect(await decide(approver, request.id, "approve")).toMatchObject({ kind: "already", status: "pending", decidedBy: approver.email });
    expect(await drain()).toEqual([]);
    expect(remote(user.userName)).toBeDefined();

    expect(await decide(approver2, request.id, "approve")).toEqual({ kind: "decided", status: "approved", requestId: request.id });
    expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "approved", decidedBy: approver2.email });
    expect(await drain()).toMatchObject([{ status: "succeeded", action: "delete" }]);
    expect(remote(user.userName)).toBeUndefined();
  });

  it("two approvers approving a two-approver request at once: both count, it is approved once", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const group = await seedGroup();
    await seedPolicy(app.id, [group.id]);
    await seedRule(app.id, { operations: ["create", "delete"], twoApproversForDelete: true });
    const user = await insertUser();
    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    const [request] = await requestsOf(app.id);
    // Two approvals even for a create, so the race is on the second one.
    await db.approvalRequest.update({ where: { id: request.id }, data: { requiredApprovals: 2 } });
    const results = await Promise.all([decide(approver, request.id, "approve"), decide(approver2, request.id, "approve")]);
    expect(results.map((r) => (r.kind === "decided" ? r.status : r.kind)).sort()).toEqual(["approved", "pending"]);
    expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "approved" });
    expect((await jobsOf(app.id)).map((j) => j.status)).toEqual(["queued"]);
  });

  it("expiry cancels the jobs and a later click is told the request expired", async () => {
    const { app, user, request, drain } = await pendingCreate();
    await db.approvalRequest.update({ where: { id: request.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await runAs(admin, () => expireApprovals())).toBeGreaterThanOrEqual(1);
    expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "expired", updatePending: true });
    expect((await jobsOf(app.id)).map((j) => j.status)).toEqual(["cancelled"]);
    expect((await eventsOf(app.id)).at(-1)).toMatchObject({ outcome: "denied", approvalId: request.id });
    expect(await db.auditLog.count({ where: { action: "approval.expire", targetId: request.id } })).toBe(1);
    expect(await decide(approver, request.id, "approve")).toEqual({ kind: "expired", requestId: request.id });
    expect(await drain()).toEqual([]);
    expect(remote(user.userName)).toBeUndefined();
  });

  it("a click after the expiry time, before the sweep, expires the request instead of approving it", async () => {
    const { app, request } = await pendingCreate();
    await db.approvalRequest.update({ where: { id: request.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await decide(approver, request.id, "approve")).toEqual({ kind: "expired", requestId: request.id });
    expect((await jobsOf(app.id)).map((j) => j.status)).toEqual(["cancelled"]);
    expect(await db.approvalDecision.count({ where: { requestId: request.id } })).toBe(0);
  });

  it("refuses auditors, other people's names, disabled approvers and unknown requests, changing nothing", async () => {
    const { app, request } = await pendingCreate();
    const auditor = await makeAdmin("auditor");
    const disabled = await makeAdmin("approver", { disabled: true });
    expect(await decide(auditor, request.id, "approve")).toEqual({ kind: "not_authorized" });
    expect(await decide(disabled, request.id, "approve")).toEqual({ kind: "not_authorized" });
    // Signed in as one approver, deciding in another's name.
    const forged = await runAs(approver, () => decideApproval({ requestId: request.id, decision: "approve", approver: { adminId: approver2.id, email: approver2.email }, via: "console" }));
    expect(forged).toEqual({ kind: "not_authorized" });
    expect(await decide(approver, "no-such-request", "approve")).toEqual({ kind: "not_found" });
    expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "pending", decidedBy: null });
    expect((await jobsOf(app.id)).map((j) => j.status)).toEqual(["pending_approval"]);
    await expect(runAs(auditor, () => expireApprovals())).rejects.toBeInstanceOf(ForbiddenError);
  });
});
