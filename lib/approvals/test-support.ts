// Arranging approval rules in tests: written directly (no audit, no checks), like test/factories.ts.
import { db } from "@/lib/db";

/** Inserts an approval rule for an app. */
export function seedRule(appId: string, rule: { operations?: string[]; bulkThreshold?: number; policyId?: string; timeoutHours?: number; twoApproversForDelete?: boolean; channel?: string } = {}) {
  return db.approvalRule.create({
    data: {
      appId,
      policyId: rule.policyId ?? null,
      operations: JSON.stringify(rule.operations ?? []),
      bulkThreshold: rule.bulkThreshold ?? null,
      channel: rule.channel ?? null,
      timeoutHours: rule.timeoutHours ?? 72,
      twoApproversForDelete: rule.twoApproversForDelete ?? false,
    },
  });
}

/** The approval requests of one app, oldest first. */
export function requestsOf(appId: string) {
  return db.approvalRequest.findMany({ where: { appId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
