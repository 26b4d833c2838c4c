import "server-only";
import type { Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { isRole } from "@/lib/permissions";
import { loadAppClient } from "@/lib/provisioning/app-settings";
import { appUserIds, batches, loadScopedApps } from "@/lib/provisioning/desired-state";
import { enqueueGroupsForApp } from "@/lib/provisioning/enqueue-groups";
import { wakeWorker } from "@/lib/provisioning/wake";
import { describeScimError } from "@/lib/scim/errors";
import { mappedShape } from "./compare";
import { RemoteIndex } from "./remote-index";
import { reconcileGroups } from "./reconcile-groups";
import { reconcileUserBatch } from "./reconcile-users";
import { parseAdoptAttributes } from "./sync-settings";
import { EMPTY_SUMMARY, type RunSummary } from "./types";

/** How long a claimed run belongs to its process; each page read renews it. */
export const RUN_LEASE_MS = 60_000;

/** Knobs for tests: the fetch the SCIM client uses, page size (SCIM count, at most 100). */
export type RunOptions = { fetch?: typeof fetch; pageSize?: number };

const USER_BATCH = 200;

class LostLease extends Error {}

// The operator who pressed Sync now acts in the audit rows of what the run adopts; a schedule has none.
async function actorOf(triggeredBy: string): Promise<Actor | null> {
  if (triggeredBy === "schedule") return null;
  const admin = await db.admin.findUnique({ where: { email: triggeredBy } });
  return admin && isRole(admin.role) ? { id: admin.id, email: admin.email, name: admin.name, role: admin.role } : null;
}

/**
 * Executes one claimed run: reads every account of the app (paged GET /Users), compares it with the
 * directory attribute by attribute, links, repairs, adopts, records conflicts and queues jobs, then
 * stores the summary. Progress (total / processed) is saved as it goes, renewing the lease; a run
 * whose lease was taken over stops without writing. App failures end the run as failed with the reason.
 */
export async function executeRun(runId: string, workerId: string, options: RunOptions = {}): Promise<RunSummary | null> {
  const run = await db.reconciliationRun.findUnique({ where: { id: runId } });
  if (!run || run.leaseOwner !== workerId) return null;
  const progress = async (data: { total?: number; processed?: number }) => {
    const { count } = await db.reconciliationRun.updateMany({ where: { id: runId, leaseOwner: workerId, status: "running" }, data: { ...data, leaseUntil: new Date(Date.now() + RUN_LEASE_MS) } });
    if (count !== 1) throw new LostLease();
  };
  try {
    const appRow = await db.app.findUnique({ where: { id: run.appId }, select: { id: true, name: true, kind: true, baseUrl: true, credentialsEnc: true, features: true, deprovisionMode: true, mapping: true, capabilities: true, adoptAttributes: true } });
    if (!appRow) throw new Error("The app was removed.");
    const [app] = await loadScopedApps(db, [appRow.id]);
    const client = await loadAppClient(appRow, { fetch: options.fetch });
    const userIds = await appUserIds(db, app);
    const remote = new RemoteIndex();
    const pageSize = Math.min(100, Math.max(1, options.pageSize ?? 100));
    let processed = 0;
    for (let start = 1; ; ) {
      const page = await client.listUsers(start, pageSize);
      for (const user of page.resources) remote.add(user);
      processed += page.resources.length;
      await progress({ total: Math.max(page.totalResults, processed) + userIds.length, processed });
      if (page.resources.length === 0 || start + page.resources.length > page.totalResults) break;
      start += page.resources.length;
    }
    // Accounts already linked are never offered to someone else, whatever order the batches run in.
    const links = await db.appAccount.findMany({ where: { appId: app.row.id, remoteId: { not: null }, state: { notIn: ["deleted", "gone"] } }, select: { remoteId: true } });
    for (const link of links) if (link.remoteId) remote.linked.add(link.remoteId);
    const total = processed + userIds.length;
    const summary: RunSummary = { ...EMPTY_SUMMARY };
    const ctx = {
      app,
      remote,
      adoptPaths: parseAdoptAttributes(appRow.adoptAttributes),
      shape: mappedShape(app.settings.mapping),
      runId,
      causedBy: run.triggeredBy === "schedule" ? "system" : run.triggeredBy,
      actor: await actorOf(run.triggeredBy),
      summary,
    };
    for (const part of batches(userIds, USER_BATCH)) {
      await db.$transaction((tx) => reconcileUserBatch(tx, ctx, part));
      processed += part.length;
      await progress({ total, processed });
    }
    summary.groupsRepaired = await reconcileGroups(client, app);
    if (app.settings.features.pushGroups) await db.$transaction((tx) => enqueueGroupsForApp(tx, app, ctx.causedBy));
    wakeWorker();
    await report(remote, summary);
    const finishedAt = new Date();
    const { count } = await db.reconciliationRun.updateMany({
      where: { id: runId, leaseOwner: workerId, status: "running" },
      data: { status: "succeeded", summary: JSON.stringify(summary), total, processed: total, finishedAt, leaseOwner: null, leaseUntil: null },
    });
    if (count === 1) await db.app.update({ where: { id: run.appId }, data: { lastReconciledAt: finishedAt } });
    return summary;
  } catch (error) {
    if (error instanceof LostLease) return null;
    const message = `Sync now failed: ${describeScimError(error)}`;
    await db.reconciliationRun.updateMany({ where: { id: runId, leaseOwner: workerId }, data: { status: "failed", error: message, finishedAt: new Date(), leaseOwner: null, leaseUntil: null } });
    return null;
  }
}

// Accounts nobody is linked to: people in the directory the app's policies do not cover, or no one.
async function report(remote: RemoteIndex, summary: RunSummary): Promise<void> {
  const left = remote.unlinked();
  for (const part of batches(left)) {
    const names = part.map((u) => String(u.userName ?? "").toLowerCase());
    const emails = part.flatMap((u) => ((u.emails ?? []) as { value?: string }[]).flatMap((e) => (e.value ? [e.value.toLowerCase()] : [])));
    const known = await db.user.findMany({ where: { OR: [{ userNameKey: { in: names } }, { email: { in: emails } }] }, select: { userNameKey: true, email: true } });
    const keys = new Set(known.flatMap((u) => [u.userNameKey, u.email]));
    for (const u of part) {
      const mine = [String(u.userName ?? "").toLowerCase(), ...((u.emails ?? []) as { value?: string }[]).flatMap((e) => (e.value ? [e.value.toLowerCase()] : []))];
      if (mine.some((k) => keys.has(k))) summary.outOfScope += 1;
      else summary.unmatched += 1;
    }
  }
}
