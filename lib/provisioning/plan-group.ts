// The group planner: one pure decision per group and app, like planUser for users. Enqueueing uses it
// to skip groups that already match, and the worker re-plans with it before acting.
import type { GroupOperation } from "./types";

/** One group's situation in one app. */
export type GroupPlanInput = {
  /** The app's "push groups" feature. */
  pushGroups: boolean;
  /** The group still exists and an enabled policy of the app links it. */
  linked: boolean;
  /** The group's name in the console now. */
  name: string;
  /** Remote ids of the members whose account in the app is active. */
  desiredMembers: readonly string[];
  /** The app's copy of the group as last pushed (AppGroup), if any. */
  appGroup: { remoteId: string | null; displayName: string; lastMembers: readonly string[] } | null;
};

/** The planner's answer for one group in one app: an operation, or nothing to do. */
export type GroupPlan = { operation: GroupOperation; reason: string } | null;

/** Whether two member lists hold the same ids, in any order. */
export function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((id) => right.has(id));
}

/** AppGroup.lastMembers as a list; anything malformed counts as empty, so the next push re-sends members. */
export function parseMembers(text: string | null | undefined): string[] {
  if (!text) return [];
  try {
    const raw = JSON.parse(text) as unknown;
    return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

/**
 * Decides what one group needs in one app. With pushing off the console leaves the app's groups
 * alone (no push and no delete), so turning the feature off never removes anything by surprise.
 */
export function planGroup(input: GroupPlanInput): GroupPlan {
  if (!input.pushGroups) return null;
  const { appGroup } = input;
  if (!input.linked) return appGroup ? { operation: "group_delete", reason: "No enabled policy of the app links the group any more" } : null;
  if (!appGroup || !appGroup.remoteId) return { operation: "group_push", reason: "The group is not in the app yet" };
  if (appGroup.displayName !== input.name) return { operation: "group_push", reason: "The group was renamed" };
  if (!sameMembers(appGroup.lastMembers, input.desiredMembers)) return { operation: "group_push", reason: "Members changed since the last push" };
  return null;
}
