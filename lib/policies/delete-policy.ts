import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { enqueuePolicyEffects, wakeProvisioning } from "./provisioning";
import { loadPolicy, policySnapshot } from "./shared";

/**
 * Deletes a policy; its groups' members lose the app unless another policy grants it. The delete,
 * its `policy.delete` audit row and the deprovisioning jobs commit together.
 */
export async function deletePolicy(policyId: string): Promise<{ name: string }> {
  const actor = await requirePermission("policies:write");
  const name = await db.$transaction(async (tx) => {
    const policy = await loadPolicy(tx, policyId);
    // Explicit rather than trusting the cascade: it does not depend on the SQLite foreign_keys pragma.
    await tx.policyGroup.deleteMany({ where: { policyId: policy.id } });
    await tx.policy.delete({ where: { id: policy.id } });
    await writeAudit(tx, actor, {
      action: "policy.delete",
      targetType: "policy",
      targetId: policy.id,
      targetLabel: policy.name,
      before: policySnapshot(policy),
    });
    await enqueuePolicyEffects(tx, [policy.app.id], actor.email);
    return policy.name;
  });
  wakeProvisioning();
  return { name };
}
