import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAs } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError, ForbiddenError } from "@/lib/errors";
import { seedApp, seedGroup, seedPolicy } from "@/lib/provisioning/test-support";
import { approvalRuleInputSchema } from "@/lib/schemas/approval";
import { asRole, makeAdmin } from "@/test/factories";
import { decideApproval } from "./decide";
import { listApprovalRequests } from "./list-requests";
import { createApprovalRule, deleteApprovalRule, listApprovalRules, updateApprovalRule } from "./rules";

const app = () => seedApp({ baseUrl: "http://127.0.0.1:9/scim/v2", token: "rules-test-token" });

describe("approval rule input", () => {
  it.each([
    [{ operations: [] }, "operations", "Choose at least one operation or set an account threshold; otherwise the rule never applies."],
    [{ operations: ["drop_database"] }, "operations", "Choose operations from the list."],
    [{ operations: ["create"], bulkThreshold: "0" }, "bulkThreshold", "The account threshold must be at least 1."],
    [{ operations: ["create"], bulkThreshold: "2.5" }, "bulkThreshold", "Enter a whole number of accounts."],
    [{ operations: ["create"], timeoutHours: "0" }, "timeoutHours", "Requests must wait at least 1 hour."],
    [{ operations: ["create"], timeoutHours: "100000" }, "timeoutHours", "Requests may wait at most 720 hours (30 days)."],
    [{ operations: ["create"], channel: "not a channel!" }, "channel", "Enter a Slack channel name like #approvals or a channel id like C0123ABCD."],
  ])("refuses %j with a message on %s", (input, field, message) => {
    const result = approvalRuleInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(z.flattenError(result.error).fieldErrors).toMatchObject({ [field]: [message] });
  });

  it("defaults the timeout to 72 hours and reads a bulk-only rule", () => {
    expect(approvalRuleInputSchema.parse({ bulkThreshold: "100", channel: "#it-approvals", enabled: "on" })).toEqual({
      operations: [],
      bulkThreshold: 100,
      channel: "#it-approvals",
      timeoutHours: 72,
      twoApproversForDelete: false,
      enabled: true,
      policyId: undefined,
    });
  });
});

describe("approval rules CRUD", () => {
  it("an admin adds, edits and deletes a rule, each audited", async () => {
    const a = await app();
    const group = await seedGroup();
    const policy = await seedPolicy(a.id, [group.id]);
    await asRole("admin", async (actor) => {
      const { id } = await createApprovalRule(a.id, { operations: ["create", "delete"], policyId: policy.id, twoApproversForDelete: "on", enabled: "on", timeoutHours: "24" });
      expect(await listApprovalRules(a.id)).toEqual([
        expect.objectContaining({ id, policyId: policy.id, policyName: policy.name, operations: ["create", "delete"], timeoutHours: 24, twoApproversForDelete: true, enabled: true, channel: null }),
      ]);
      await updateApprovalRule(id, { operations: [], bulkThreshold: "50", channel: "#hr", enabled: "" });
      expect(await listApprovalRules(a.id)).toEqual([expect.objectContaining({ policyId: null, operations: [], bulkThreshold: 50, channel: "#hr", timeoutHours: 72, enabled: false })]);
      await deleteApprovalRule(id);
      expect(await listApprovalRules(a.id)).toEqual([]);
      const audits = await db.auditLog.findMany({ where: { targetId: a.id, actorId: actor.id }, orderBy: { at: "asc" } });
      expect(audits.map((r) => r.action)).toEqual(["approval_rule.create", "approval_rule.update", "approval_rule.delete"]);
      expect(JSON.parse(audits[1].after ?? "{}")).toMatchObject({ bulkThreshold: 50, channel: "#hr" });
    });
  });

  it("refuses a policy of another app and bad input, changing nothing", async () => {
    const [a, b] = await Promise.all([app(), app()]);
    const other = await seedPolicy(b.id, [(await seedGroup()).id]);
    await asRole("admin", async () => {
      await expect(createApprovalRule(a.id, { operations: ["create"], policyId: other.id })).rejects.toBeInstanceOf(DomainError);
      await expect(createApprovalRule(a.id, { operations: [] })).rejects.toBeInstanceOf(z.ZodError);
    });
    expect(await db.approvalRule.count({ where: { appId: a.id } })).toBe(0);
  });

  it("approvers and auditors cannot change rules", async () => {
    const a = await app();
    for (const role of ["approver", "auditor"] as const) {
      await expect(asRole(role, () => createApprovalRule(a.id, { operations: ["create"] }))).rejects.toBeInstanceOf(ForbiddenError);
    }
    const rule = await db.approvalRule.create({ data: { appId: a.id, operations: '["create"]' } });
    await expect(asRole("auditor", () => deleteApprovalRule(rule.id))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(asRole("approver", () => updateApprovalRule(rule.id, { operations: ["delete"] }))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.approvalRule.findUniqueOrThrow({ where: { id: rule.id } })).toMatchObject({ operations: '["create"]' });
  });
});

describe("the approvals list", () => {
  it("shows pending requests by default and the history by status, app and search", async () => {
    const a = await app();
    const approver = await makeAdmin("approver");
    const base = { appId: a.id, appName: a.name, operation: "create", subjectCount: 1, requestedBy: "someone@example.test", expiresAt: new Date(Date.now() + 3_600_000) };
    const pending = await db.approvalRequest.create({ data: { ...base, summary: `Create the account of zed in ${a.name}` } });
    const decided = await db.approvalRequest.create({ data: { ...base, summary: `Create 120 accounts in ${a.name}` } });
    await runAs(approver, () => decideApproval({ requestId: decided.id, decision: "deny", approver: { adminId: approver.id, email: approver.email }, via: "console" }));
    const params = { page: 1, pageSize: 25, sort: "createdAt" as const, dir: "desc" as const, q: "" };

    const open = await asRole("auditor", () => listApprovalRequests(params, { status: "pending", appId: a.id }));
    expect(open.rows.map((r) => r.id)).toEqual([pending.id]);
    const history = await asRole("auditor", () => listApprovalRequests(params, { status: "all", appId: a.id }));
    expect(history.total).toBe(2);
    const denied = await asRole("auditor", () => listApprovalRequests({ ...params, q: "120 ACCOUNTS" }, { status: "denied", appId: a.id }));
    expect(denied.rows).toEqual([expect.objectContaining({ id: decided.id, status: "denied", decidedBy: approver.email })]);
    expect(denied.rows[0].decidedAt).not.toBeNull();
  });
});
