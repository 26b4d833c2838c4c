import "server-only";
import type { Tx } from "@/lib/db";
import { uniqueViolation } from "@/lib/db";
import { DomainError, NotFoundError } from "@/lib/errors";
import { idField } from "@/lib/schemas/common";
import { APPROVAL_RULES, policyNameKey, type ApprovalRule, type PolicyInput } from "@/lib/schemas/policy";

export const POLICY_NOT_FOUND = "That policy no longer exists. Reload the page.";
export const APP_NOT_FOUND = "That application no longer exists. Reload the page and choose another.";
export const GROUPS_NOT_FOUND = "Some of the chosen groups no longer exist. Reload the page and choose again.";
export const POLICY_NAME_TAKEN = "A policy with this name already exists.";

/** Groups shown per list row before "+N". */
export const LIST_GROUP_PREVIEW = 3;

/** The stored approval rule, read defensively (an unknown value means no approval). */
export function approvalRuleOf(value: string): ApprovalRule {
  return (APPROVAL_RULES as readonly string[]).includes(value) ? (value as ApprovalRule) : "none";
}

/** The policy with its app and groups, or NotFoundError for a malformed, tampered or deleted id. */
export async function loadPolicy(tx: Tx, policyId: string) {
  const parsed = idField.safeParse(policyId);
  const policy = parsed.success
    ? await tx.policy.findUnique({
        where: { id: parsed.data },
        include: { app: { select: { id: true, name: true } }, groups: { select: { group: { select: { id: true, name: true, nameKey: true } } } } },
      })
    : null;
  if (!policy) throw new NotFoundError(POLICY_NOT_FOUND);
  const groups = policy.groups.map((g) => g.group).sort((a, b) => a.nameKey.localeCompare(b.nameKey));
  return { ...policy, groups: groups.map(({ id, name }) => ({ id, name })) };
}

/**
 * Checks the chosen app and groups exist; a tampered or stale id becomes a field error on the form
 * (and nothing is written). Returns the app and the groups ordered by name.
 */
export async function resolveTargets(tx: Tx, input: Pick<PolicyInput, "appId" | "groupIds">) {
  const appId = idField.safeParse(input.appId);
  const app = appId.success ? await tx.app.findUnique({ where: { id: appId.data }, select: { id: true, name: true } }) : null;
  if (!app) throw new DomainError(APP_NOT_FOUND, { appId: [APP_NOT_FOUND] });
  const ids = input.groupIds;
  const valid = ids.every((id) => idField.safeParse(id).success);
  const groups = valid
    ? await tx.group.findMany({ where: { id: { in: ids } }, select: { id: true, name: true }, orderBy: [{ nameKey: "asc" }, { id: "asc" }] })
    : [];
  if (groups.length !== ids.length) throw new DomainError(GROUPS_NOT_FOUND, { groupIds: [GROUPS_NOT_FOUND] });
  return { app, groups };
}

/** Throws the name field error when another policy already uses this name (any case). */
export async function assertNameFree(tx: Tx, name: string, exceptPolicyId?: string): Promise<void> {
  const other = await tx.policy.findUnique({ where: { nameKey: policyNameKey(name) }, select: { id: true } });
  if (other && other.id !== exceptPolicyId) throw new DomainError(POLICY_NAME_TAKEN, { name: [POLICY_NAME_TAKEN] });
}

/** Turns a unique violation on nameKey (a concurrent save) into the form's field error; rethrows anything else. */
export function rethrowNameConflict(error: unknown): never {
  if (uniqueViolation(error)) throw new DomainError(POLICY_NAME_TAKEN, { name: [POLICY_NAME_TAKEN] });
  throw error;
}

/** The audit snapshot of a policy: names, not only ids, so the log reads without lookups. */
export function policySnapshot(p: {
  name: string;
  app: { id: string; name: string };
  groups: { id: string; name: string }[];
  loginMethod: string;
  enabled: boolean;
  approvalRule: string;
}) {
  return {
    name: p.name,
    appId: p.app.id,
    app: p.app.name,
    groups: p.groups.map((g) => g.name),
    groupIds: p.groups.map((g) => g.id),
    loginMethod: p.loginMethod,
    enabled: p.enabled,
    approvalRule: p.approvalRule,
  };
}
