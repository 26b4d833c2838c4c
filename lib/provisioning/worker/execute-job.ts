import "server-only";
import { db } from "@/lib/db";
import { ScimError, describeScimError } from "@/lib/scim/errors";
import { mapUserToScim } from "@/lib/scim/mapping";
import type { ScimUser } from "@/lib/scim/types";
import { loadAppClient, supportsPatch, type AppRow } from "../app-settings";
import { loadDesiredState, loadScopedApps, type DesiredEntry, type ScopedApp } from "../desired-state";
import { enqueueForUsers, planEntry } from "../enqueue";
import { enqueueGroupsForUsers } from "../enqueue-groups";
import { deprovisionOperation } from "../planner";
import type { AppSettings, UserOperation, UserPlan } from "../types";
import type { ScimClient } from "@/lib/scim/client";
import { wakeWorker } from "../wake";
import type { ClaimedJob } from "./claim-jobs";
import { executeGroupJob } from "./group-actions";
import { DEFAULT_RATE_LIMIT_PAUSE_MS, NOT_SENT_DETAIL, pacedFetch } from "../pacing/paced-fetch";
import { BatchRecorder } from "./batch-recorder";
import type { AttemptRecord, AttemptResult } from "./record-attempt";
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from "./retry-policy";
import * as actions from "./user-actions";

/** Knobs for tests and benchmarks: retry delays, the fetch the SCIM client uses, its timeout. */
export type ExecuteOptions = { retry?: Partial<RetryPolicy>; fetch?: typeof fetch; timeoutMs?: number };

/** executeJobs' extra: called as each job's attempt is committed (the worker frees its slot). */
export type BatchOptions = ExecuteOptions & { onRecorded?: (result: AttemptResult) => void };

function parsePushed(text: string | null | undefined): ScimUser | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as ScimUser) : null;
  } catch {
    return null;
  }
}

// A deleted user's job still has to deprovision: its account link went with the user row, so the
// account is looked up in the app by the userName the job kept (look up before acting).
async function remoteIdOf(ctx: actions.ActionContext, entry: DesiredEntry | undefined, job: ClaimedJob): Promise<string | null> {
  if (entry?.account?.remoteId) return entry.account.remoteId;
  return (await findInApp(ctx, entry, job))?.id ?? null;
}

// The job's user in the app, by the userName the mapping gives it (from the job's label when the user is gone).
function findInApp(ctx: actions.ActionContext, entry: DesiredEntry | undefined, job: ClaimedJob): Promise<ScimUser | null> {
  const userName = entry?.resource?.userName ?? mapUserToScim({ id: job.subjectId, userName: job.subjectLabel, email: "", active: false }, ctx.app.mapping).userName;
  return ctx.client.findUserByUserName(userName);
}

function requireResource(entry: DesiredEntry | undefined): ScimUser {
  if (!entry?.resource) throw new Error("The app's attribute mapping could not build this user's SCIM record. Check the mapping on the app's settings page.");
  return entry.resource;
}

async function perform(ctx: actions.ActionContext, operation: UserOperation, entry: DesiredEntry | undefined, job: ClaimedJob): Promise<actions.ActionOutcome> {
  if (operation === "create") return actions.createUser(ctx, requireResource(entry));
  const remoteId = await remoteIdOf(ctx, entry, job);
  if (!remoteId) {
    return { action: operation, outcome: "skipped", state: null, message: `${ctx.label} has no account in ${ctx.app.name}; nothing to ${operation}.` };
  }
  const lastPushed = parsePushed(entry?.account?.lastPushed);
  if (operation === "update") return actions.updateUser(ctx, remoteId, lastPushed, requireResource(entry));
  if (operation === "reactivate") return actions.reactivateUser(ctx, remoteId, lastPushed, requireResource(entry));
  if (operation === "deactivate") return actions.deactivateUser(ctx, remoteId);
  return actions.deleteUser(ctx, remoteId);
}

// Actions after which the account's active state in the app changed: its pushed groups gain or lose it.
const GROUP_CHANGING = new Set(["create", "link", "reactivate", "deactivate", "delete"]);

function byCause(records: AttemptRecord[]): Map<string, AttemptRecord[]> {
  const out = new Map<string, AttemptRecord[]>();
  for (const r of records) out.set(r.job.causedBy, [...(out.get(r.job.causedBy) ?? []), r]);
  return out;
}

// Once per recorded batch. A manager's new account id is part of each report's SCIM record
// (manager.value), so their records change now: queue them (the planner skips unchanged ones). Group
// members are accounts active in the app, so a user provisioned or deprovisioned only now joins or
// leaves its pushed groups with one more group push.
async function followUps(records: AttemptRecord[], scoped: Map<string, ScopedApp>): Promise<void> {
  let queued = 0;
  const linked = records.filter((r) => r.job.subjectType === "user" && r.outcome === "success" && (r.action === "create" || r.action === "link"));
  for (const [causedBy, group] of byCause(linked)) {
    const reports = await db.user.findMany({ where: { managerId: { in: group.map((r) => r.job.subjectId) } }, select: { id: true } });
    if (reports.length > 0) queued += (await db.$transaction((tx) => enqueueForUsers(tx, reports.map((r) => r.id), causedBy))).queued;
  }
  const changed = records.filter((r) => r.job.subjectType === "user" && r.outcome === "success" && GROUP_CHANGING.has(r.action) && scoped.get(r.job.appId)?.settings.features.pushGroups);
  for (const [causedBy, group] of byCause(changed)) {
    for (const appId of new Set(group.map((r) => r.job.appId))) {
      const mine = group.filter((r) => r.job.appId === appId);
      const remoteIds = mine.flatMap((r) => (r.remoteId ? [r.remoteId] : []));
      const app = scoped.get(appId) as ScopedApp;
      queued += (await db.$transaction((tx) => enqueueGroupsForUsers(tx, mine.map((r) => r.job.subjectId), [app], causedBy, remoteIds))).queued;
    }
  }
  if (queued > 0) wakeWorker();
}

/** One app's part of a batch: its row, scoped view and a paced client (or why there is none). */
type AppContext = { row: AppRow; scoped: ScopedApp; client: ScimClient | null; clientError: unknown };

/**
 * Executes one claimed job: re-plans from the current state (the job asks to converge; if nothing is
 * needed any more it is skipped), calls the app, and records the account, the job and one event.
 * Never throws for an app failure: those become retries or a failed job with the app's message.
 */
export async function executeJob(job: ClaimedJob, options: ExecuteOptions = {}): Promise<AttemptResult> {
  return (await executeJobs([job], options))[0];
}

/**
 * Executes claimed jobs side by side, loading what they need once per batch (app settings, scope and
 * desired state of every subject) and recording finished attempts in shared transactions.
 */
export async function executeJobs(jobs: ClaimedJob[], options: BatchOptions = {}): Promise<AttemptResult[]> {
  const appIds = [...new Set(jobs.map((j) => j.appId))];
  // One read of the apps serves both kinds of job: the row for group jobs, the row with its scope for user jobs.
  const scopedList = await loadScopedApps(db, appIds);
  const scoped = new Map(scopedList.map((a) => [a.row.id, a]));
  const rowOf = new Map<string, AppRow>(scopedList.map((a) => [a.row.id, a.row]));
  const userJobs = jobs.filter((j) => j.subjectType === "user" && rowOf.has(j.appId));
  const recorder = new BatchRecorder((records) => followUps(records, scoped));
  const contexts = new Map<string, AppContext>();
  const entries = new Map<string, DesiredEntry>();
  for (const app of scopedList) {
    const ids = userJobs.filter((j) => j.appId === app.row.id).map((j) => j.subjectId);
    if (ids.length === 0) continue;
    let client: ScimClient | null = null;
    let clientError: unknown = null;
    try {
      client = await loadAppClient(app.row, { fetch: pacedFetch(app.row.id, options.fetch), timeoutMs: options.timeoutMs });
    } catch (error) {
      clientError = error;
    }
    contexts.set(app.row.id, { row: app.row, scoped: app, client, clientError });
    // The subjects are the jobs' users, nearly all relevant: no pre-filter query.
    for (const entry of await loadDesiredState(db, ids, [app], {}, { prefilter: false })) entries.set(`${app.row.id}:${entry.userId}`, entry);
  }
  // Only a subject without an entry can be gone from the directory; the others need no look-up.
  const unknown = [...new Set(userJobs.filter((j) => !entries.has(`${j.appId}:${j.subjectId}`)).map((j) => j.subjectId))];
  const existing = new Set(unknown.length > 0 ? (await db.user.findMany({ where: { id: { in: unknown } }, select: { id: true } })).map((u) => u.id) : []);
  const gone = (job: ClaimedJob) => !entries.has(`${job.appId}:${job.subjectId}`) && !existing.has(job.subjectId);

  const runOne = async (job: ClaimedJob): Promise<AttemptResult> => {
    const row = rowOf.get(job.appId) ?? null;
    let result: AttemptResult;
    if (!row) {
      result = await recorder.add({ job, appRow: null, entry: undefined, started: Date.now(), status: "cancelled", outcome: "skipped", action: job.operation, message: "The app was removed; nothing to do." });
    } else if (job.subjectType === "group") {
      result = await executeGroupJob(job, row, { ...options, fetch: pacedFetch(row.id, options.fetch) });
    } else {
      const ctx = contexts.get(job.appId) as AppContext;
      result = await recorder.add(await runUserJob(job, ctx, entries.get(`${job.appId}:${job.subjectId}`), gone(job), options));
    }
    options.onRecorded?.(result);
    return result;
  };
  // Every job settles (and is recorded or reported) before a recording failure is passed on.
  const settled = await Promise.allSettled(jobs.map(runOne));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failure) throw failure.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<AttemptResult>).value);
}

/**
 * A create that was sent before (its worker died before recording the answer, or the app failed or timed
 * out after it may have written the account) may have left an account the console does not know. When
 * the user has left scope (or the directory) since, the re-plan finds nothing to do, so the account would
 * stay active in the app: such a job looks it up instead.
 */
function mayHaveCreatedUnseen(job: ClaimedJob, entry: DesiredEntry | undefined): boolean {
  if (job.operation !== "create" || job.attempts < 2) return false;
  // No entry: the user is gone, or out of scope with no account row at all.
  if (!entry) return true;
  const account = entry.account;
  const known = account && account.remoteId !== null && account.state !== "deleted" && account.state !== "gone";
  return !entry.inScope && !known;
}

/**
 * The other answers that can be lost: a deactivate or delete the app may have carried out for a user who
 * is back in scope, whose link still says active; a reactivate for a user who left scope again, whose link
 * still says deactivated. Either way the re-plan sees nothing to do, so the job makes sure instead. After
 * a delete it creates: that looks the account up first, links it if it is still there (reactivating it if
 * needed), and creates it again only if it is gone.
 */
function planAfterUnknownAttempt(job: ClaimedJob, entry: DesiredEntry | undefined, settings: AppSettings): UserPlan {
  if (job.attempts < 2 || !entry?.account?.remoteId) return null;
  const reason = "An earlier attempt's answer was lost; the app may hold the opposite state";
  const backInScope = entry.inScope && entry.account.state === "active";
  if (job.operation === "deactivate" && backInScope) return { operation: "reactivate", reason };
  if (job.operation === "delete" && backInScope) return settings.features.createUsers ? { operation: "create", reason } : null;
  if (job.operation === "reactivate" && !entry.inScope && entry.account.state === "deactivated") {
    return settings.features.deactivateUsers ? { operation: "deactivate", reason } : null;
  }
  return null;
}

// Whether the account found (by the user's userName) is the one the lost create made: its externalId is the
// user's id. Slack keeps no externalId (it answers ""), so there its primary email must be the user's.
async function madeByConsole(ctx: actions.ActionContext, found: ScimUser, job: ClaimedJob): Promise<boolean> {
  if (ctx.app.kind !== "slack") return found.externalId === job.subjectId;
  const email = (found as { emails?: { value?: string }[] }).emails?.[0]?.value?.toLowerCase();
  const user = await db.user.findUnique({ where: { id: job.subjectId }, select: { email: true } });
  return Boolean(user && email && email === user.email.toLowerCase());
}

// Only an account the console made is deprovisioned; one that merely shares the userName is left alone.
async function settleUnseenCreate(ctx: actions.ActionContext, job: ClaimedJob, entry: DesiredEntry | undefined, operation: "deactivate" | "delete"): Promise<actions.ActionOutcome> {
  const found = await findInApp(ctx, entry, job);
  if (!found?.id) {
    return { action: operation, outcome: "skipped", state: null, message: `Nothing to do: ${ctx.label} is no longer in scope and an earlier attempt left no account in ${ctx.app.name}.` };
  }
  if (!(await madeByConsole(ctx, found, job))) {
    return { action: operation, outcome: "skipped", state: null, message: `${ctx.label} is no longer in scope. ${ctx.app.name} has an account named ${found.userName} that the console cannot tell it made, so it was left alone; review it in the app.` };
  }
  const result = operation === "delete" ? await actions.deleteUser(ctx, found.id) : await actions.deactivateUser(ctx, found.id);
  const done = operation === "delete" ? "deleted" : "deactivated";
  return { ...result, message: `An earlier attempt created the account of ${ctx.label} in ${ctx.app.name} but its answer was lost; ${ctx.label} is no longer in scope, so it was found and ${done}.` };
}

/** Plans and performs one user job; returns what to record (never throws for an app failure). */
async function runUserJob(job: ClaimedJob, app: AppContext, entry: DesiredEntry | undefined, userGone: boolean, options: ExecuteOptions): Promise<AttemptRecord> {
  const started = Date.now();
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const base = { job, appRow: app.row, started, entry };
  const name = app.scoped.settings.name;
  let plan: UserPlan = entry ? planEntry(entry) : null;
  if (!plan && userGone && !entry && (job.operation === "deactivate" || job.operation === "delete")) {
    plan = { operation: job.operation, reason: "The user was deleted from the directory" };
  }
  const label = entry?.userName || job.subjectLabel;
  const unseen = !plan && mayHaveCreatedUnseen(job, entry) ? deprovisionOperation(app.scoped.settings.features, app.scoped.settings.deprovisionMode) : null;
  if (unseen) plan = { operation: unseen, reason: "An earlier create's answer was lost and the user left scope since" };
  plan ??= planAfterUnknownAttempt(job, entry, app.scoped.settings);
  if (!plan) return { ...base, status: "succeeded", outcome: "skipped", action: job.operation, message: `Nothing to do: ${name} already matches the console for ${label}.` };

  try {
    if (!app.client) throw app.clientError;
    const ctx: actions.ActionContext = { client: app.client, app: app.scoped.settings, supportsPatch: supportsPatch(app.row.capabilities), label };
    const result = unseen ? await settleUnseenCreate(ctx, job, entry, unseen) : await perform(ctx, plan.operation, entry, job);
    return { ...base, status: "succeeded", ...result };
  } catch (error) {
    const message = describeScimError(error);
    const scim = error instanceof ScimError ? error : null;
    const http = { httpStatus: scim?.httpStatus ?? null, scimType: scim?.scimType ?? null };
    // 404 while updating: the account was removed in the app. Mark it and stop; creating it again
    // silently could duplicate a person the app's admin removed on purpose.
    if (scim?.reason === "not-found" && (plan.operation === "update" || plan.operation === "reactivate")) {
      const gone = `The account of ${label} no longer exists in ${name} (HTTP ${scim.httpStatus ?? 404}). It was marked as gone and not re-created, so nothing is duplicated; use Provision now to create it again.`;
      return { ...base, ...http, status: "failed", outcome: "failed", action: plan.operation, state: "gone", message: gone };
    }
    // The app asked to slow down: the job waits out its Retry-After (the whole app is paused meanwhile)
    // and the attempt does not count, so pacing never makes a job give up.
    if (scim?.httpStatus === 429) {
      const delay = scim.retryAfterMs ?? DEFAULT_RATE_LIMIT_PAUSE_MS;
      // The console's own 429 (the app is paused by an earlier answer) sent nothing: no HTTP status to report.
      const notSent = scim.detail === NOT_SENT_DETAIL;
      const said = notSent ? `Not sent: ${name} asked the console to wait (Retry-After) in an answer to another request.` : message;
      const next = `${said} ${name} is paused until then; rate-limited attempts do not count. Next try in ${Math.ceil(delay / 1000)} s.`;
      return { ...base, ...(notSent ? {} : http), status: "queued", outcome: "retrying", action: plan.operation, message: next, nextAttemptAt: new Date(Date.now() + delay), uncounted: true };
    }
    if (scim?.retryable && job.attempts < policy.maxAttempts) {
      const delay = retryDelayMs(job.attempts, policy, scim.retryAfterMs);
      const next = `${message} Attempt ${job.attempts} of ${policy.maxAttempts}; next try in ${Math.ceil(delay / 1000)} s.`;
      return { ...base, ...http, status: "queued", outcome: "retrying", action: plan.operation, message: next, nextAttemptAt: new Date(Date.now() + delay) };
    }
    const final = scim?.retryable ? `${message} Gave up after ${job.attempts} attempts; use Retry once the app answers again.` : message;
    return { ...base, ...http, status: "failed", outcome: "failed", action: plan.operation, message: final };
  }
}
