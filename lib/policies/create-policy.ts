import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { policyInputSchema, policyNameKey, type PolicyInputRaw } from "@/lib/schemas/policy";
import { enqueuePolicyEffects, wakeProvisioning } from "./provisioning";
import { assertNameFree, policySnapshot, resolveTargets, rethrowNameConflict } from "./shared";

/**
 * Creates a policy granting an app to the members of groups: the policy, its PolicyGroup rows,
 * the `policy.create` audit row and the provisioning jobs commit in one transaction.
 */
export async function createPolicy(input: PolicyInputRaw): Promise<{ id: string; name: string }> {
  const actor = await requirePermission("policies:write");
  const data = policyInputSchema.parse(input);
  let result: { id: string; name: string };
  try {
    result = await db.$transaction(async (tx) => {
      const { app, groups } = await resolveTargets(tx, data);
      await assertNameFree(tx, data.name);
      const policy = await tx.policy.create({
        data: {
          name: data.name,
          nameKey: policyNameKey(data.name),
          appId: app.id,
          loginMethod: data.loginMethod,
          enabled: data.enabled,
          approvalRule: data.approvalRule,
          groups: { create: groups.map((g) => ({ groupId: g.id })) },
        },
      });
      await writeAudit(tx, actor, {
        action: "policy.create",
        targetType: "policy",
        targetId: policy.id,
        targetLabel: policy.name,
        after: policySnapshot({ ...policy, app, groups }),
      });
      await enqueuePolicyEffects(tx, [app.id], actor.email);
      return { id: policy.id, name: policy.name };
    });
  } catch (error) {
    rethrowNameConflict(error);
  }
  wakeProvisioning();
  return result;
}
