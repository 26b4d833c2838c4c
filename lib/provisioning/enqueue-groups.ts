import "server-only";
import type { Tx } from "@/lib/db";
import { batches, loadScopedApps, type ScopedApp } from "./desired-state";
import { gateOperations } from "./gate";
import { parseMembers, planGroup, type GroupPlan } from "./plan-group";

/** Remote ids of the group's members whose account in the app is active (users not provisioned yet are left out). */
export async function desiredGroupMembers(tx: Tx, appId: string, groupId: string): Promise<string[]> {
  const accounts = await tx.appAccount.findMany({
    where: { appId, state: "active", remoteId: { not: null }, user: { memberships: { some: { groupId } } } },
    select: { remoteId: true },
  });
  return accounts.flatMap((a) => (a.remoteId ? [a.remoteId] : []));
}

/** Plans one group in one app from the stored state. */
export async function planStoredGroup(tx: Tx, app: ScopedApp, groupId: string): Promise<{ plan: GroupPlan; name: string | null }> {
  const group = await tx.group.findUnique({ where: { id: groupId }, select: { name: true } });
  const appGroup = await tx.appGroup.findUnique({ where: { appId_groupId: { appId: app.row.id, groupId } } });
  const linked = !!group && app.groupIds.has(groupId);
  const plan = planGroup({
    pushGroups: app.settings.features.pushGroups,
    linked,
    name: group?.name ?? "",
    desiredMembers: linked ? await desiredGroupMembers(tx, app.row.id, groupId) : [],
    appGroup: appGroup ? { remoteId: appGroup.remoteId, displayName: appGroup.displayName, lastMembers: parseMembers(appGroup.lastMembers) } : null,
  });
  return { plan, name: group?.name ?? appGroup?.displayName ?? null };
}

/** Writes or coalesces one group job: a queued job of the same app and group is updated instead. */
export async function queueGroupJob(tx: Tx, appId: string, groupId: string, label: string, operation: string, causedBy: string): Promise<void> {
  const queued = await tx.provisioningJob.findFirst({
    where: { appId, subjectType: "group", subjectId: groupId, status: "queued" },
    select: { id: true, attempts: true },
    orderBy: { createdAt: "asc" },
  });
  const now = new Date();
  if (queued) {
    // A job waiting out a backoff keeps its time, as user jobs do.
    await tx.provisioningJob.update({ where: { id: queued.id }, data: { operation, causedBy, subjectLabel: label, ...(queued.attempts === 0 ? { nextAttemptAt: now } : {}) } });
    return;
  }
  const gate = await gateOperations(tx, appId, [{ subjectType: "group", subjectId: groupId, label, operation }], causedBy);
  const waits = gate.status === "pending_approval" ? { approvalId: gate.approvalId } : gate.status === "held" ? { holdId: gate.holdId } : {};
  await tx.provisioningJob.create({ data: { appId, subjectType: "group", subjectId: groupId, subjectLabel: label, operation, status: gate.status, nextAttemptAt: now, causedBy, ...waits } });
}

/** Queues a push or delete for each (app, group) pair that needs one; apps without "push groups" are skipped. */
export async function enqueueGroupJobs(tx: Tx, apps: ScopedApp[], groupIds: Iterable<string>, causedBy: string): Promise<{ queued: number }> {
  const pushing = apps.filter((a) => a.settings.features.pushGroups);
  const ids = [...new Set(groupIds)];
  let queued = 0;
  for (const app of pushing) {
    for (const groupId of ids) {
      const { plan, name } = await planStoredGroup(tx, app, groupId);
      if (!plan || name === null) continue;
      await queueGroupJob(tx, app.row.id, groupId, name, plan.operation, causedBy);
      queued += 1;
    }
  }
  return { queued };
}

/**
 * Queues the group work these users' changes may cause: their pushed groups, and the groups whose last
 * push lists one of their accounts (they may have just left). Groups that still match are skipped.
 */
export async function enqueueGroupsForUsers(
  tx: Tx,
  userIds: readonly string[],
  apps: ScopedApp[],
  causedBy: string,
  /** Account ids whose link rows may be gone already (a deleted user's). */
  knownRemoteIds: readonly string[] = [],
): Promise<{ queued: number }> {
  let queued = 0;
  for (const app of apps.filter((a) => a.settings.features.pushGroups)) {
    const groupIds = new Set<string>();
    const remoteIds = new Set<string>(knownRemoteIds);
    for (const part of batches(userIds)) {
      const memberships = await tx.groupMember.findMany({ where: { userId: { in: part }, groupId: { in: [...app.groupIds] } }, select: { groupId: true } });
      for (const m of memberships) groupIds.add(m.groupId);
      const accounts = await tx.appAccount.findMany({ where: { appId: app.row.id, userId: { in: part }, remoteId: { not: null } }, select: { remoteId: true } });
      for (const a of accounts) if (a.remoteId) remoteIds.add(a.remoteId);
    }
    if (remoteIds.size > 0) {
      // One app has as many AppGroups as pushed groups: small enough to scan in memory.
      const pushed = await tx.appGroup.findMany({ where: { appId: app.row.id }, select: { groupId: true, lastMembers: true } });
      for (const g of pushed) if (parseMembers(g.lastMembers).some((id) => remoteIds.has(id))) groupIds.add(g.groupId);
    }
    queued += (await enqueueGroupJobs(tx, [app], groupIds, causedBy)).queued;
  }
  return { queued };
}

/** Queues the group work of one app: every linked group and every group pushed before (after a policy or settings change). */
export async function enqueueGroupsForApp(tx: Tx, app: ScopedApp, causedBy: string): Promise<{ queued: number }> {
  if (!app.settings.features.pushGroups) return { queued: 0 };
  const pushed = await tx.appGroup.findMany({ where: { appId: app.row.id }, select: { groupId: true } });
  return enqueueGroupJobs(tx, [app], [...app.groupIds, ...pushed.map((g) => g.groupId)], causedBy);
}

/** Queues the push of one group to every app that pushes it (after a rename or a membership change). */
export async function enqueueForGroup(tx: Tx, groupId: string, causedBy: string): Promise<{ queued: number }> {
  const apps = await loadScopedApps(tx);
  return enqueueGroupJobs(tx, apps, [groupId], causedBy);
}

/**
 * Queues the removal of a group from every app it was pushed to. Call BEFORE deleting the group: its
 * AppGroup rows go with it, so the job keeps the remote name (subjectLabel) and the worker finds the
 * app's group by that displayName.
 */
export async function enqueueGroupDeletion(tx: Tx, groupId: string, causedBy: string): Promise<{ queued: number }> {
  const pushed = await tx.appGroup.findMany({ where: { groupId }, select: { appId: true, displayName: true, group: { select: { name: true } } } });
  if (pushed.length === 0) return { queued: 0 };
  const apps = await loadScopedApps(tx, pushed.map((p) => p.appId));
  let queued = 0;
  for (const p of pushed) {
    const app = apps.find((a) => a.row.id === p.appId);
    if (!app?.settings.features.pushGroups) continue;
    await queueGroupJob(tx, p.appId, groupId, p.displayName || p.group.name, "group_delete", causedBy);
    queued += 1;
  }
  return { queued };
}
