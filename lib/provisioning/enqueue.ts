import "server-only";
import { dbProvider, Prisma, type Tx } from "@/lib/db";
import { rawDate } from "@/lib/db-sql";
import { appUserIds, batches, loadDesiredState, loadScopedApps, planAccount, type DesiredEntry, type ScopedApp, type ScopeOverlay } from "./desired-state";
import { enqueueGroupsForApp, enqueueGroupsForUsers } from "./enqueue-groups";
import { gateOperations } from "./gate";
import { planAfterInFlight, planUser } from "./planner";
import { USER_OPERATIONS, type UserOperation, type UserPlan, type UserPlanInput } from "./types";

function planInput(entry: DesiredEntry): UserPlanInput {
  return {
    inScope: entry.inScope,
    account: planAccount(entry.account),
    desiredHash: entry.desiredHash,
    features: entry.app.settings.features,
    deprovisionMode: entry.app.settings.deprovisionMode,
  };
}

/** The plan of one desired-state entry. */
export function planEntry(entry: DesiredEntry): UserPlan {
  return planUser(planInput(entry));
}

const isUserOperation = (op: string): op is UserOperation => (USER_OPERATIONS as readonly string[]).includes(op);

/** Operations in flight (jobs running now), by "appId:userId". */
type InFlight = Map<string, UserOperation>;

type OpenJob = { appId: string; subjectId: string; operation: string; status: string; leaseUntil: unknown };

/**
 * The jobs running now for these users in these apps, by "appId:userId". A change to one of these users
 * is planned against the account the running job will leave behind, so that deactivating a user whose
 * account is being created still deactivates it. A running job whose lease ran out is not in flight: its
 * worker died, and when it is claimed again it re-plans (and checks the app for an answer it lost).
 * On PostgreSQL the users' open jobs are locked for the rest of the transaction: a worker cannot claim
 * one of them meanwhile and read the user as it was before this change commits (its claim skips locked
 * rows, or this waits for its claim and sees the job running).
 */
async function userJobsInFlight(tx: Tx, appIds: string[], userIds: readonly string[]): Promise<InFlight> {
  const inFlight: InFlight = new Map();
  if (appIds.length === 0) return inFlight;
  const now = Date.now();
  for (const part of batches([...new Set(userIds)])) {
    const where = Prisma.sql`"subjectType" = 'user' AND "appId" IN (${Prisma.join(appIds)}) AND "subjectId" IN (${Prisma.join(part)}) AND status IN ('queued', 'running')`;
    const lock = dbProvider === "postgresql" ? Prisma.sql`ORDER BY id FOR UPDATE` : Prisma.empty;
    const open = await tx.$queryRaw<OpenJob[]>(Prisma.sql`SELECT "appId", "subjectId", operation, status, "leaseUntil" FROM "ProvisioningJob" WHERE ${where} ${lock}`);
    for (const job of open) {
      const live = job.leaseUntil !== null && rawDate(job.leaseUntil).getTime() >= now;
      if (job.status === "running" && live && isUserOperation(job.operation)) inFlight.set(`${job.appId}:${job.subjectId}`, job.operation);
    }
  }
  return inFlight;
}

// Jobs that wait for a person (an approver, a brake release) before they may run.
const WAITING = ["pending_approval", "held"];

type NewJob = { appId: string; subjectId: string; subjectLabel: string; operation: string };

/**
 * Plans the entries: a queued job of the same app and user is updated instead of adding one (coalescing:
 * the worker re-plans anyway, so one job per user and app is enough). Returns how many entries need an
 * operation and the jobs still to insert.
 */
async function planJobs(tx: Tx, entries: DesiredEntry[], causedBy: string, inFlight: InFlight, now: Date): Promise<{ planned: number; inserts: NewJob[] }> {
  const planned = entries.flatMap((entry) => {
    const running = inFlight.get(`${entry.app.row.id}:${entry.userId}`);
    const plan = planEntry(entry) ?? (running ? planAfterInFlight(planInput(entry), running) : null);
    return plan ? [{ entry, plan }] : [];
  });
  const inserts: NewJob[] = [];
  for (const part of batches(planned)) {
    const existing = await tx.provisioningJob.findMany({
      where: {
        subjectType: "user",
        status: { in: ["queued", ...WAITING] },
        OR: [...new Set(part.map((p) => p.entry.app.row.id))].map((appId) => ({
          appId,
          subjectId: { in: part.filter((p) => p.entry.app.row.id === appId).map((p) => p.entry.userId) },
        })),
      },
      select: { id: true, appId: true, subjectId: true, attempts: true, status: true, operation: true },
      orderBy: { createdAt: "asc" },
    });
    const queuedFor = new Map<string, (typeof existing)[number]>();
    const waitingFor = new Map<string, Set<string>>();
    for (const job of existing) {
      const key = `${job.appId}:${job.subjectId}`;
      if (job.status === "queued") {
        if (!queuedFor.has(key)) queuedFor.set(key, job);
      } else waitingFor.set(key, new Set([...(waitingFor.get(key) ?? []), job.operation]));
    }
    for (const { entry, plan } of part) {
      const key = `${entry.app.row.id}:${entry.userId}`;
      const job = queuedFor.get(key);
      if (!job && waitingFor.get(key)?.has(plan.operation)) {
        // The same operation already waits for an approver or a brake release; that job re-plans when it
        // runs and pushes the latest state, so a second request for one person would only ask twice.
        continue;
      }
      if (job) {
        // A job waiting out a backoff keeps its time, so a busy user cannot hammer a rate-limited app.
        await tx.provisioningJob.update({
          where: { id: job.id },
          data: { operation: plan.operation, causedBy, subjectLabel: entry.userName, ...(job.attempts === 0 ? { nextAttemptAt: now } : {}) },
        });
      } else {
        inserts.push({ appId: entry.app.row.id, subjectId: entry.userId, subjectLabel: entry.userName, operation: plan.operation });
      }
    }
  }
  return { planned: planned.length, inserts };
}

// One change's new jobs per app pass the gate together: approval rules and the mass-change brake see the
// whole change ("Deactivate 340 accounts"), not one user at a time.
async function insertJobs(tx: Tx, inserts: NewJob[], causedBy: string, now: Date): Promise<void> {
  for (const appId of new Set(inserts.map((i) => i.appId))) {
    const forApp = inserts.filter((i) => i.appId === appId);
    const gate = await gateOperations(tx, appId, forApp.map((i) => ({ subjectType: "user", subjectId: i.subjectId, label: i.subjectLabel, operation: i.operation })), causedBy);
    const waits = gate.status === "pending_approval" ? { approvalId: gate.approvalId } : gate.status === "held" ? { holdId: gate.holdId } : {};
    for (const part of batches(forApp)) {
      await tx.provisioningJob.createMany({
        data: part.map((i) => ({ ...i, subjectType: "user", status: gate.status, nextAttemptAt: now, causedBy, ...waits })),
      });
    }
  }
}

/** Writes one queued job per entry that needs an operation (coalescing into queued jobs; see planJobs). */
export async function enqueueEntries(tx: Tx, entries: DesiredEntry[], causedBy: string): Promise<{ queued: number }> {
  const now = new Date();
  const { planned, inserts } = await planJobs(tx, entries, causedBy, new Map(), now);
  await insertJobs(tx, inserts, causedBy, now);
  return { queued: planned };
}

/**
 * Plans and queues the users' work in these apps, BATCH_SIZE users at a time: a 10,000-user grant never
 * holds every user's desired state at once, only the small list of jobs to insert, which passes the gate
 * as one change at the end. Users with a job in flight are planned against what it leaves behind.
 */
async function enqueueInBatches(tx: Tx, userIds: readonly string[], apps: ScopedApp[], causedBy: string, overlay: ScopeOverlay = {}): Promise<{ queued: number }> {
  const now = new Date();
  const appIds = apps.map((a) => a.row.id);
  const inserts: NewJob[] = [];
  let queued = 0;
  for (const part of batches([...new Set(userIds)])) {
    const inFlight = await userJobsInFlight(tx, appIds, part);
    const entries = await loadDesiredState(tx, part, apps, overlay, { keep: new Set(inFlight.keys()) });
    const result = await planJobs(tx, entries, causedBy, inFlight, now);
    queued += result.planned;
    inserts.push(...result.inserts);
  }
  await insertJobs(tx, inserts, causedBy, now);
  return { queued };
}

/**
 * Queues the provisioning work these users need in every app, inside the caller's transaction.
 * `deleting: true` plans them as out of scope everywhere (call it before the rows are deleted).
 */
export async function enqueueForUsers(tx: Tx, userIds: string[], causedBy: string, options: { deleting?: boolean } = {}): Promise<{ queued: number }> {
  if (userIds.length === 0) return { queued: 0 };
  const apps = await loadScopedApps(tx);
  if (apps.length === 0) return { queued: 0 };
  const overlay = options.deleting ? { removedUserIds: new Set(userIds) } : {};
  const result = await enqueueInBatches(tx, userIds, apps, causedBy, overlay);
  // Pushed groups whose members these users are (or were) follow; apps without "push groups" cost nothing here.
  await enqueueGroupsForUsers(tx, userIds, apps, causedBy);
  return result;
}

/** Queues the work for every user in scope of the app or holding an account in it (after a policy or settings change). */
export async function enqueueForApp(tx: Tx, appId: string, causedBy: string): Promise<{ queued: number }> {
  const [app] = await loadScopedApps(tx, [appId]);
  if (!app) return { queued: 0 };
  // Users with open jobs too: one queued or running for someone the change takes out of scope must re-plan.
  const open = await tx.provisioningJob.findMany({ where: { appId, subjectType: "user", status: { in: ["queued", "running"] } }, select: { subjectId: true }, distinct: ["subjectId"] });
  const userIds = [...new Set([...(await appUserIds(tx, app)), ...open.map((j) => j.subjectId)])];
  const result = await enqueueInBatches(tx, userIds, [app], causedBy);
  await enqueueGroupsForApp(tx, app, causedBy);
  return result;
}

/** Queues the work for the current members of a group, in every app. */
export async function enqueueForGroupMembers(tx: Tx, groupId: string, causedBy: string): Promise<{ queued: number }> {
  const members = await tx.groupMember.findMany({ where: { groupId }, select: { userId: true } });
  return enqueueForUsers(tx, members.map((m) => m.userId), causedBy);
}
