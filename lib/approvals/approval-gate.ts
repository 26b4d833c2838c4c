import "server-only";
import type { GateCheck } from "@/lib/provisioning/gate-types";
import { createApprovalRequest } from "./create-request";
import { loadEffectiveRules, matchingRules } from "./match-rules";

/**
 * Holds one app's share of a change for approval when a rule of the app (or of a policy granting it)
 * matches: one request for the whole change, its jobs start as pending_approval.
 */
export const approvalGate: GateCheck = async (tx, appId, operations, causedBy) => {
  const rules = await loadEffectiveRules(tx, appId);
  if (rules.length === 0) return null;
  const matched = await matchingRules(tx, appId, rules, operations);
  if (matched.length === 0) return null;
  const request = await createApprovalRequest(tx, appId, operations, causedBy, matched);
  return { status: "pending_approval", approvalId: request.id };
};
