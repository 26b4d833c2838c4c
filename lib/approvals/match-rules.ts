import "server-only";
import type { Tx } from "@/lib/db";
import type { GatedOperation } from "@/lib/provisioning/gate-types";
import { APPROVAL_OPERATIONS, DEFAULT_TIMEOUT_HOURS } from "@/lib/schemas/approval";

/** A rule as the gate applies it; policy choices ("Deprovisioning only", "All changes") become rules too. */
export type EffectiveRule = {
  ruleId: string | null;
  policyId: string | null;
  operations: string[];
  bulkThreshold: number | null;
  channel: string | null;
  timeoutHours: number;
  twoApproversForDelete: boolean;
};

const DEPROVISION = new Set(["deactivate", "delete"]);

/** Parses ApprovalRule.operations, keeping only known operations. */
export function parseOperations(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => (APPROVAL_OPERATIONS as readonly string[]).includes(String(v))) : [];
  } catch {
    return [];
  }
}

/** The enabled rules of an app: its ApprovalRule rows, then the approval choice of its enabled policies. */
export async function loadEffectiveRules(tx: Tx, appId: string): Promise<EffectiveRule[]> {
  const [rows, policies] = await Promise.all([
    tx.approvalRule.findMany({ where: { appId, enabled: true }, orderBy: { createdAt: "asc" } }),
    tx.policy.findMany({ where: { appId, enabled: true, approvalRule: { in: ["deprovision", "all"] } }, select: { id: true, approvalRule: true } }),
  ]);
  const rules: EffectiveRule[] = rows.map((r) => ({
    ruleId: r.id,
    policyId: r.policyId,
    operations: parseOperations(r.operations),
    bulkThreshold: r.bulkThreshold,
    channel: r.channel,
    timeoutHours: r.timeoutHours,
    twoApproversForDelete: r.twoApproversForDelete,
  }));
  for (const p of policies) {
    rules.push({
      ruleId: null,
      policyId: p.id,
      operations: p.approvalRule === "all" ? [...APPROVAL_OPERATIONS] : ["deactivate", "delete"],
      bulkThreshold: null,
      channel: null,
      timeoutHours: DEFAULT_TIMEOUT_HOURS,
      twoApproversForDelete: false,
    });
  }
  // Narrow rules first: a policy's own channel wins over the app-wide one.
  return rules.sort((a, b) => Number(b.policyId !== null) - Number(a.policyId !== null));
}

/** The rule operation an engine operation falls under (removing a pushed group is a group push). */
function ruleOperation(operation: string): string {
  return operation === "group_delete" ? "group_push" : operation;
}

/**
 * The operations of the change a policy-scoped rule covers: subjects in the policy's groups. A user
 * being deactivated or deleted who is in no granting group any more has left some policy of the app,
 * and which one is not recorded: every policy's rule covers them (when in doubt, ask).
 */
async function opsInPolicy(tx: Tx, appId: string, policyId: string, ops: GatedOperation[]): Promise<GatedOperation[]> {
  const policyGroups = await tx.policyGroup.findMany({ where: { policyId }, select: { groupId: true } });
  const groupIds = new Set(policyGroups.map((g) => g.groupId));
  const userIds = ops.filter((o) => o.subjectType === "user").map((o) => o.subjectId);
  const inPolicy = new Set<string>();
  const granted = new Set<string>();
  if (userIds.length > 0) {
    const appGroups = await tx.policyGroup.findMany({ where: { policy: { appId, enabled: true } }, select: { groupId: true } });
    const appGroupIds = [...new Set([...appGroups.map((g) => g.groupId), ...groupIds])];
    for (let i = 0; i < userIds.length; i += 500) {
      const members = await tx.groupMember.findMany({ where: { userId: { in: userIds.slice(i, i + 500) }, groupId: { in: appGroupIds } }, select: { userId: true, groupId: true } });
      for (const m of members) {
        granted.add(m.userId);
        if (groupIds.has(m.groupId)) inPolicy.add(m.userId);
      }
    }
  }
  return ops.filter((o) =>
    o.subjectType === "group" ? groupIds.has(o.subjectId) : inPolicy.has(o.subjectId) || (DEPROVISION.has(o.operation) && !granted.has(o.subjectId)),
  );
}

/** The rules that hold this change: an operation they list, or more accounts than their threshold. */
export async function matchingRules(tx: Tx, appId: string, rules: EffectiveRule[], ops: GatedOperation[]): Promise<EffectiveRule[]> {
  const matched: EffectiveRule[] = [];
  for (const rule of rules) {
    const covered = rule.policyId ? await opsInPolicy(tx, appId, rule.policyId, ops) : ops;
    const accounts = covered.filter((o) => o.subjectType === "user").length;
    const listed = covered.some((o) => rule.operations.includes(ruleOperation(o.operation)));
    const bulk = rule.bulkThreshold !== null && accounts > rule.bulkThreshold;
    if (listed || bulk) matched.push(rule);
  }
  return matched;
}
