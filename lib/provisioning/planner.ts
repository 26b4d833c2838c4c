// The planner: one pure decision per user and app, from scope, the account link and the app's
// settings. The outbox, the worker (which re-plans before acting) and the impact preview all use it,
// so what a preview promises is what then happens.
import { USER_OPERATIONS, type ImpactSummary, type UserOperation, type UserPlan, type UserPlanInput } from "./types";

type Account = NonNullable<UserPlanInput["account"]>;

// A link that points at a live account in the app (active, or still being set up with a known id).
function isLive(account: Account): boolean {
  if (account.state === "active") return true;
  return (account.state === "pending" || account.state === "failed") && account.remoteId !== null;
}

// Nothing usable in the app: never created, deleted, gone from the app, or failed before it had an id.
function isAbsent(account: Account | null): boolean {
  if (!account) return true;
  if (account.state === "deleted" || account.state === "gone") return true;
  return (account.state === "pending" || account.state === "failed") && account.remoteId === null;
}

/** How the app takes an account away: delete (when set and allowed), deactivate, or not at all (null). */
export function deprovisionOperation(features: UserPlanInput["features"], deprovisionMode: UserPlanInput["deprovisionMode"]): "delete" | "deactivate" | null {
  if (deprovisionMode === "delete" && features.deleteUsers) return "delete";
  return features.deactivateUsers ? "deactivate" : null;
}

/** Decides what one user needs in one app: create, update, deactivate, reactivate, delete, or nothing (null). */
export function planUser(input: UserPlanInput): UserPlan {
  const { inScope, account, features, deprovisionMode } = input;
  if (inScope) {
    if (isAbsent(account)) return features.createUsers ? { operation: "create", reason: "In scope with no account in the app" } : null;
    if (account?.state === "deactivated") {
      // Re-granting access undoes a deprovision, so it follows the deprovisioning switches.
      return features.deactivateUsers || features.deleteUsers ? { operation: "reactivate", reason: "Back in scope; the account is deactivated" } : null;
    }
    if (account && isLive(account) && account.lastPushedHash !== input.desiredHash && features.updateUsers) {
      return { operation: "update", reason: "Attributes changed since the last push" };
    }
    return null;
  }
  if (!account) return null;
  const deprovision = deprovisionOperation(features, deprovisionMode);
  const deleting = deprovision === "delete";
  if (isLive(account)) {
    if (deleting) return { operation: "delete", reason: "Out of scope; the app deletes deprovisioned accounts" };
    return deprovision ? { operation: "deactivate", reason: "Out of scope" } : null;
  }
  if (account.state === "deactivated" && deleting) return { operation: "delete", reason: "Out of scope; the app deletes deprovisioned accounts" };
  return null;
}

/** The account link as it will be once `operation`, now in flight, has succeeded. */
function accountAfter(operation: UserOperation, account: UserPlanInput["account"]): UserPlanInput["account"] {
  const base = account ?? { state: "pending" as const, remoteId: null, lastPushedHash: null };
  if (operation === "create") return { ...base, state: "active", remoteId: base.remoteId ?? "(in flight)", lastPushedHash: null };
  if (operation === "reactivate") return { ...base, state: "active" };
  if (operation === "deactivate") return { ...base, state: "deactivated" };
  if (operation === "delete") return { ...base, state: "deleted" };
  return account;
}

/**
 * What a user will need once the job in flight for them (`running`) has succeeded: a change that plans
 * to nothing against today's link (a deactivation while their account is still being created) must not
 * be lost, so it is planned against the link that job will leave behind.
 */
export function planAfterInFlight(input: UserPlanInput, running: UserOperation): UserPlan {
  return planUser({ ...input, account: accountAfter(running, input.account) });
}

/** Zeroed counts per operation. */
export function emptyCounts(): Record<UserOperation, number> {
  return Object.fromEntries(USER_OPERATIONS.map((op) => [op, 0])) as Record<UserOperation, number>;
}

const SAMPLE_LIMIT = 50;

/** Builds one ImpactSummary per app from many planned (app, user) pairs; apps with nothing to do are left out. */
export function summarizeImpact(
  items: { appId: string; appName: string; userId: string; userName: string; plan: UserPlan }[],
): ImpactSummary[] {
  const byApp = new Map<string, ImpactSummary>();
  for (const item of items) {
    if (!item.plan) continue;
    let summary = byApp.get(item.appId);
    if (!summary) {
      summary = {
        appId: item.appId,
        appName: item.appName,
        counts: emptyCounts(),
        samples: Object.fromEntries(USER_OPERATIONS.map((op) => [op, []])) as unknown as ImpactSummary["samples"],
      };
      byApp.set(item.appId, summary);
    }
    summary.counts[item.plan.operation] += 1;
    const samples = summary.samples[item.plan.operation];
    if (samples.length < SAMPLE_LIMIT) samples.push({ userId: item.userId, userName: item.userName });
  }
  return [...byApp.values()].sort((a, b) => a.appName.localeCompare(b.appName));
}
