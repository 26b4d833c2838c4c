import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db, type Tx } from "@/lib/db";
import { DomainError, NotFoundError } from "@/lib/errors";
import { approvalRuleInputSchema } from "@/lib/schemas/approval";
import { parseOperations } from "./match-rules";

/** An approval rule as the app's "Approval rules" tab shows it. */
export type ApprovalRuleRow = {
  id: string;
  policyId: string | null;
  policyName: string | null;
  operations: string[];
  bulkThreshold: number | null;
  channel: string | null;
  timeoutHours: number;
  twoApproversForDelete: boolean;
  enabled: boolean;
  updatedAt: string;
};

type RuleRecord = Awaited<ReturnType<typeof loadRule>>;

async function loadRule(tx: Tx, ruleId: string) {
  const rule = await tx.approvalRule.findUnique({ where: { id: ruleId }, include: { app: { select: { id: true, name: true } } } });
  if (!rule) throw new NotFoundError("That approval rule no longer exists. Reload the page.");
  return rule;
}

function snapshot(rule: Pick<NonNullable<RuleRecord>, "policyId" | "operations" | "bulkThreshold" | "channel" | "timeoutHours" | "twoApproversForDelete" | "enabled">) {
  return {
    policyId: rule.policyId,
    operations: parseOperations(rule.operations),
    bulkThreshold: rule.bulkThreshold,
    channel: rule.channel,
    timeoutHours: rule.timeoutHours,
    twoApproversForDelete: rule.twoApproversForDelete,
    enabled: rule.enabled,
  };
}

// The policy must grant this app: a rule limited to another app's policy would never apply.
async function assertPolicyOfApp(tx: Tx, appId: string, policyId: string | undefined): Promise<void> {
  if (!policyId) return;
  const policy = await tx.policy.findUnique({ where: { id: policyId }, select: { appId: true } });
  if (!policy || policy.appId !== appId) throw new DomainError("Choose a policy of this app, or leave it at every change.", { policyId: ["Choose a policy of this app."] });
}

function columns(input: ReturnType<typeof approvalRuleInputSchema.parse>) {
  return {
    policyId: input.policyId ?? null,
    operations: JSON.stringify(input.operations),
    bulkThreshold: input.bulkThreshold ?? null,
    channel: input.channel ?? null,
    timeoutHours: input.timeoutHours,
    twoApproversForDelete: input.twoApproversForDelete,
    enabled: input.enabled,
  };
}

/** The approval rules of one app, oldest first, with the policy names. */
export async function listApprovalRules(appId: string): Promise<ApprovalRuleRow[]> {
  await requirePermission("apps:read");
  const rules = await db.approvalRule.findMany({ where: { appId }, orderBy: { createdAt: "asc" } });
  const policyIds = [...new Set(rules.flatMap((r) => (r.policyId ? [r.policyId] : [])))];
  const policies = policyIds.length ? await db.policy.findMany({ where: { id: { in: policyIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(policies.map((p) => [p.id, p.name]));
  return rules.map((r) => ({ id: r.id, ...snapshot(r), policyName: r.policyId ? (names.get(r.policyId) ?? null) : null, updatedAt: r.updatedAt.toISOString() }));
}

/** Adds an approval rule to an app; writes `approval_rule.create`. */
export async function createApprovalRule(appId: string, raw: unknown): Promise<{ id: string }> {
  const actor = await requirePermission("apps:write");
  const input = approvalRuleInputSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const app = await tx.app.findUnique({ where: { id: appId }, select: { id: true, name: true } });
    if (!app) throw new NotFoundError("That app no longer exists. Reload the page.");
    await assertPolicyOfApp(tx, appId, input.policyId);
    const rule = await tx.approvalRule.create({ data: { appId, ...columns(input) } });
    await writeAudit(tx, actor, { action: "approval_rule.create", targetType: "app", targetId: app.id, targetLabel: app.name, after: { ruleId: rule.id, ...snapshot(rule) } });
    return { id: rule.id };
  });
}

/** Saves an approval rule; writes `approval_rule.update` with before/after. Requests already open keep their terms. */
export async function updateApprovalRule(ruleId: string, raw: unknown): Promise<{ id: string }> {
  const actor = await requirePermission("apps:write");
  const input = approvalRuleInputSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const before = await loadRule(tx, ruleId);
    await assertPolicyOfApp(tx, before.appId, input.policyId);
    const after = await tx.approvalRule.update({ where: { id: ruleId }, data: columns(input) });
    await writeAudit(tx, actor, {
      action: "approval_rule.update",
      targetType: "app",
      targetId: before.app.id,
      targetLabel: before.app.name,
      before: { ruleId, ...snapshot(before) },
      after: { ruleId, ...snapshot(after) },
    });
    return { id: ruleId };
  });
}

/** Deletes an approval rule; writes `approval_rule.delete`. Requests it already opened stay open. */
export async function deleteApprovalRule(ruleId: string): Promise<{ appId: string }> {
  const actor = await requirePermission("apps:write");
  return db.$transaction(async (tx) => {
    const before = await loadRule(tx, ruleId);
    await tx.approvalRule.delete({ where: { id: ruleId } });
    await writeAudit(tx, actor, { action: "approval_rule.delete", targetType: "app", targetId: before.app.id, targetLabel: before.app.name, before: { ruleId, ...snapshot(before) } });
    return { appId: before.appId };
  });
}

/** The app's policies, for a rule's "Applies to" choice. */
export async function listRulePolicyOptions(appId: string): Promise<{ id: string; name: string }[]> {
  await requirePermission("apps:read");
  return db.policy.findMany({ where: { appId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}
