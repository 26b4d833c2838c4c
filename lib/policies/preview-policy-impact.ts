import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import type { ImpactSummary } from "@/lib/provisioning/types";
import { policyInputSchema, type PolicyInputRaw } from "@/lib/schemas/policy";
import { previewPolicyChange, type PolicyChange } from "./provisioning";
import { assertNameFree, loadPolicy, resolveTargets } from "./shared";

/** Per-app effect of a policy change ("Slack: 120 creates, 3 deactivations" with the users). */
export type PolicyImpact = { summaries: ImpactSummary[] };

async function run(changes: PolicyChange[]): Promise<PolicyImpact> {
  const summaries: ImpactSummary[] = [];
  for (const change of changes) summaries.push(...(await previewPolicyChange(db, change)));
  return { summaries };
}

/**
 * What saving the Add/Edit form would do, without saving: validates exactly as the save does
 * (fields, app and groups exist, name free) so the form shows errors at this step already.
 */
export async function previewPolicyImpact(policyId: string | null, input: PolicyInputRaw): Promise<PolicyImpact> {
  await requirePermission("policies:write");
  const data = policyInputSchema.parse(input);
  const existing = policyId === null ? null : await loadPolicy(db, policyId);
  const { app, groups } = await resolveTargets(db, data);
  await assertNameFree(db, data.name, existing?.id);
  const changes: PolicyChange[] = [];
  // Moving the policy to another app: the old app loses what only this policy granted.
  if (existing && existing.app.id !== app.id) changes.push({ kind: "policy", policyId: existing.id, appId: existing.app.id, groupIds: [], enabled: false });
  changes.push({ kind: "policy", policyId: existing?.id, appId: app.id, groupIds: groups.map((g) => g.id), enabled: data.enabled });
  return run(changes);
}

/** What deleting the policy would do: its groups' members lose the app unless another policy grants it. */
export async function previewPolicyDeletion(policyId: string): Promise<PolicyImpact> {
  await requirePermission("policies:write");
  const policy = await loadPolicy(db, policyId);
  return run([{ kind: "policy", policyId: policy.id, appId: policy.app.id, groupIds: [], enabled: false }]);
}
