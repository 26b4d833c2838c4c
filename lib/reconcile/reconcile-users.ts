import "server-only";
import type { Actor } from "@/lib/authz";
import { writeAudit } from "@/lib/audit";
import type { Tx } from "@/lib/db";
import { loadDesiredState, type DesiredEntry, type ScopedApp } from "@/lib/provisioning/desired-state";
import { enqueueEntries, enqueueForUsers } from "@/lib/provisioning/enqueue";
import { hashResource } from "@/lib/provisioning/hash";
import { userSearchText } from "@/lib/schemas/user";
import type { ScimUser } from "@/lib/scim/types";
import { adoptionsFor, type Adoption } from "./adopt";
import { driftOf, matchAccount, toCandidate } from "./compare";
import type { RemoteIndex } from "./remote-index";
import type { RunSummary } from "./types";

/** What a batch needs: the app, the remote accounts, and who the run acts for. */
export type UserBatchContext = {
  app: ScopedApp;
  remote: RemoteIndex;
  adoptPaths: string[];
  /** Every attribute the mapping writes (mappedShape). */
  shape: ScimUser;
  runId: string;
  causedBy: string;
  /** The operator who pressed Sync now; null for scheduled runs. */
  actor: Actor | null;
  summary: RunSummary;
};

const GONE_STATES = new Set(["deleted", "gone"]);

function isLinked(entry: DesiredEntry): boolean {
  const a = entry.account;
  return !!a?.remoteId && !GONE_STATES.has(a.state);
}

async function audit(tx: Tx, ctx: UserBatchContext, entry: { action: string; targetType: string; targetId: string; targetLabel: string; before?: unknown; after?: unknown }) {
  if (ctx.actor) return writeAudit(tx, ctx.actor, entry);
  await tx.auditLog.create({
    data: { actorId: null, actorEmail: "scheduled reconciliation", ...entry, before: JSON.stringify(entry.before ?? null), after: JSON.stringify(entry.after ?? null) },
  });
}

// The app is the source of truth for adopted attributes: its value goes into the directory user.
async function adopt(tx: Tx, ctx: UserBatchContext, entry: DesiredEntry, adoptions: Adoption[]): Promise<void> {
  const user = await tx.user.findUnique({ where: { id: entry.userId } });
  if (!user) return;
  const data: Record<string, string | null> = {};
  for (const a of adoptions) data[a.source] = a.to;
  const next = { ...user, ...data };
  await tx.user.update({ where: { id: user.id }, data: { ...data, searchText: userSearchText(next) } });
  await audit(tx, ctx, {
    action: "user.adopt_from_app",
    targetType: "user",
    targetId: user.id,
    targetLabel: user.userName,
    before: Object.fromEntries(adoptions.map((a) => [a.source, a.from])),
    after: { ...Object.fromEntries(adoptions.map((a) => [a.source, a.to])), from: ctx.app.settings.name },
  });
}

// Adopts the chosen attributes of a linked account; true when the directory user changed.
async function adoptFrom(tx: Tx, ctx: UserBatchContext, entry: DesiredEntry, found: ScimUser): Promise<boolean> {
  if (!entry.resource || !entry.user || ctx.adoptPaths.length === 0) return false;
  const adoptions = adoptionsFor(found, entry.resource, ctx.app.settings.mapping, ctx.adoptPaths, entry.user as unknown as Record<string, unknown>);
  if (adoptions.length === 0) return false;
  await adopt(tx, ctx, entry, adoptions);
  ctx.summary.adopted += 1;
  return true;
}

async function recordLink(tx: Tx, ctx: UserBatchContext, entry: DesiredEntry, remote: ScimUser, by: string): Promise<void> {
  const remoteId = String(remote.id);
  // The link records what the app holds now, so the planner's next update sends only the difference.
  const projected = entry.resource ? driftOf(remote, entry.resource, ctx.shape).projected : remote;
  const data = { remoteId, state: remote.active === false ? "deactivated" : "active", lastPushed: JSON.stringify(projected), lastPushedHash: hashResource(projected), lastSyncAt: new Date(), lastError: null };
  await tx.appAccount.upsert({ where: { appId_userId: { appId: ctx.app.row.id, userId: entry.userId } }, create: { appId: ctx.app.row.id, userId: entry.userId, ...data }, update: data });
  await tx.provisioningEvent.create({
    data: {
      appId: ctx.app.row.id,
      appName: ctx.app.settings.name,
      userId: entry.userId,
      userIdentifier: entry.userName,
      action: "link",
      outcome: "success",
      message: `Sync now linked the existing account ${remote.userName} in ${ctx.app.settings.name} to ${entry.userName} (matched by ${by}).`,
      causedBy: ctx.causedBy,
    },
  });
  await tx.syncConflict.updateMany({ where: { appId: ctx.app.row.id, userId: entry.userId, status: "open" }, data: { status: "linked", resolvedBy: "Sync now", resolvedAt: new Date() } });
}

async function recordConflict(tx: Tx, ctx: UserBatchContext, entry: DesiredEntry, candidates: ScimUser[], reason: string): Promise<boolean> {
  const rows = candidates.map(toCandidate);
  const ids = rows.map((c) => c.id).sort().join(",");
  const appId = ctx.app.row.id;
  const open = await tx.syncConflict.findFirst({ where: { appId, userId: entry.userId, status: "open" }, select: { id: true } });
  if (open) {
    await tx.syncConflict.update({ where: { id: open.id }, data: { candidates: JSON.stringify(rows), reason, runId: ctx.runId, userLabel: entry.userName } });
    return true;
  }
  // Skip means "leave this person alone": the same choice is not asked again until the candidates change.
  const skipped = await tx.syncConflict.findMany({ where: { appId, userId: entry.userId, status: "skipped" }, select: { candidates: true } });
  const sameAsSkipped = skipped.some((s) => {
    const prior = JSON.parse(s.candidates) as { id: string }[];
    return prior.map((c) => c.id).sort().join(",") === ids;
  });
  if (sameAsSkipped) return false;
  await tx.syncConflict.create({ data: { appId, runId: ctx.runId, userId: entry.userId, userLabel: entry.userName, candidates: JSON.stringify(rows), reason } });
  return true;
}

/**
 * Reconciles one batch of directory users with the app's accounts, in the caller's transaction:
 * marks accounts missing in the app, follows the app's active flag, adopts chosen attributes, links
 * unlinked accounts (or records a conflict), records drift so the planner queues a PATCH of exactly
 * the drifted attributes, and queues the jobs. Returns nothing; counts go into ctx.summary.
 */
export async function reconcileUserBatch(tx: Tx, ctx: UserBatchContext, userIds: string[]): Promise<void> {
  const { summary, remote } = ctx;
  const adopted: string[] = [];
  const conflicted = new Set<string>();
  for (const entry of await loadDesiredState(tx, userIds, [ctx.app])) {
    if (!entry.user) continue;
    const account = entry.account;
    if (isLinked(entry) && account?.remoteId) {
      remote.linked.add(account.remoteId);
      const found = remote.byId.get(account.remoteId);
      if (!found) {
        // Gone from the app (removed by hand): the planner creates it again if the user is in scope.
        await tx.appAccount.update({ where: { id: account.id }, data: { state: "gone", lastError: `Sync now did not find the account in ${ctx.app.settings.name}.` } });
        if (entry.inScope && ctx.app.settings.features.createUsers) summary.created += 1;
        continue;
      }
      const remoteState = found.active === false ? "deactivated" : "active";
      if ((account.state === "active" || account.state === "deactivated") && account.state !== remoteState) {
        await tx.appAccount.update({ where: { id: account.id }, data: { state: remoteState } });
      }
      if (!entry.inScope) {
        if (found.active !== false) summary.outOfScope += 1;
        continue;
      }
      // Deactivated by hand in the app while in scope: the planner reactivates it.
      if (found.active === false) summary.repaired += 1;
      if (await adoptFrom(tx, ctx, entry, found)) adopted.push(entry.userId);
      continue;
    }
    if (!entry.inScope || !entry.resource) continue;
    const match = matchAccount(remote.unlinkedByName(entry.resource.userName), remote.unlinkedByEmail([entry.user.email, ...(entry.resource.emails ?? []).flatMap((e) => (e.value ? [e.value] : []))]));
    if (match.kind === "link") {
      remote.linked.add(String(match.remote.id));
      await recordLink(tx, ctx, entry, match.remote, match.by);
      summary.linked += 1;
      if (await adoptFrom(tx, ctx, entry, match.remote)) adopted.push(entry.userId);
    } else if (match.kind === "conflict") {
      conflicted.add(entry.userId);
      if (await recordConflict(tx, ctx, entry, match.candidates, match.reason)) summary.conflicts += 1;
      for (const c of match.candidates) remote.linked.add(String(c.id)); // reported as a conflict, not as unmatched
    } else if (ctx.app.settings.features.createUsers) {
      summary.created += 1;
    }
  }

  // Second look after adoption and linking: drift is what still differs from the (updated) directory.
  const entries = await loadDesiredState(tx, userIds.filter((id) => !conflicted.has(id)), [ctx.app]);
  for (const entry of entries) {
    const account = entry.account;
    if (!entry.inScope || !entry.resource || !account?.remoteId || !isLinked(entry)) continue;
    const found = remote.byId.get(account.remoteId);
    if (!found || found.active === false) continue; // reactivation sends the differences too
    const { projected, changes } = driftOf(found, entry.resource, ctx.shape);
    if (changes.length > 0) {
      await tx.appAccount.update({ where: { id: account.id }, data: { lastPushed: JSON.stringify(projected), lastPushedHash: hashResource(projected) } });
      summary.repaired += 1;
    } else {
      if (account.lastPushedHash !== entry.desiredHash) {
        // The app already holds the console's values: record that, so no needless update is queued.
        await tx.appAccount.update({ where: { id: account.id }, data: { lastPushed: JSON.stringify(entry.resource), lastPushedHash: entry.desiredHash } });
      }
      summary.unchanged += 1;
    }
  }
  // Drift repairs, creates and reactivations go through the planner (and the gate) like any change.
  const reloaded = await loadDesiredState(tx, userIds.filter((id) => !conflicted.has(id) && !adopted.includes(id)), [ctx.app]);
  await enqueueEntries(tx, reloaded, ctx.causedBy);
  // An adopted value is a directory change: every app of the user follows it.
  if (adopted.length > 0) await enqueueForUsers(tx, adopted, ctx.causedBy);
}
