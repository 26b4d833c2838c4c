import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { policyInputSchema, policyNameKey, type PolicyInputRaw } from "@/lib/schemas/policy";
import { enqueuePolicyEffects, wakeProvisioning } from "./provisioning";
import { assertNameFree, loadPolicy, policySnapshot, resolveTargets, rethrowNameConflict } from "./shared";

/**
 * Saves a policy's app, groups, name, login method, enabled flag and approval rule; writes
 * `policy.update` with before/after (group names included) and enqueues the resulting jobs for the
 * old and the new app, all in one transaction. Saving without a change writes nothing.
 */
export async function updatePolicy(policyId: string, input: PolicyInputRaw): Promise<{ id: string; name: string }> {
  const actor = await requirePermission("policies:write");
  const data = policyInputSchema.parse(input);
  let result: { id: string; name: string; changed: boolean };
  try {
    result = await db.$transaction(async (tx) => {
      const before = await loadPolicy(tx, policyId);
      const { app, groups } = await resolveTargets(tx, data);
      await assertNameFree(tx, data.name, before.id);
      const beforeSnap = policySnapshot(before);
      const afterSnap = policySnapshot({ ...data, app, groups });
      if (JSON.stringify(beforeSnap) === JSON.stringify(afterSnap)) return { id: before.id, name: before.name, changed: false };

      await tx.policy.update({
        where: { id: before.id },
        data: {
          name: data.name,
          nameKey: policyNameKey(data.name),
          appId: app.id,
          loginMethod: data.loginMethod,
          enabled: data.enabled,
          approvalRule: data.approvalRule,
        },
      });
      const keep = new Set(groups.map((g) => g.id));
      const had = new Set(before.groups.map((g) => g.id));
      const removed = [...had].filter((id) => !keep.has(id));
      const added = [...keep].filter((id) => !had.has(id));
      if (removed.length) await tx.policyGroup.deleteMany({ where: { policyId: before.id, groupId: { in: removed } } });
      if (added.length) await tx.policyGroup.createMany({ data: added.map((groupId) => ({ policyId: before.id, groupId })) });

      await writeAudit(tx, actor, {
        action: "policy.update",
        targetType: "policy",
        targetId: before.id,
        targetLabel: data.name,
        before: beforeSnap,
        after: afterSnap,
      });
      // Moving a policy to another app takes access away in the old one and grants it in the new.
      await enqueuePolicyEffects(tx, [before.app.id, app.id], actor.email);
      return { id: before.id, name: data.name, changed: true };
    });
  } catch (error) {
    rethrowNameConflict(error);
  }
  if (result.changed) wakeProvisioning();
  return { id: result.id, name: result.name };
}
