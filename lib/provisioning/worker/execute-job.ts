import "server-only";
import { db } from "@/lib/db";
import { ScimError, describeScimError } from "@/lib/scim/errors";
import { mapUserToScim } from "@/lib/scim/mapping";
import type { ScimUser } from "@/lib/scim/types";
import { loadAppClient, supportsPatch, type AppRow } from "../app-settings";
import { loadDesiredState, loadScopedApps, type DesiredEntry, type ScopedApp } from "../desired-state";
import { enqueueForUsers, planEntry } from "../enqueue";
import { enqueueGroupsForUsers } from "../enqueue-groups";
import type { UserOperation, UserPlan } from "../types";
import { wakeWorker } from "../wake";
import type { ClaimedJob } from "./claim-jobs";
import { executeGroupJob } from "./group-actions";
import { recordAttempt, type AttemptResult } from "./record-attempt";
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from "./retry-policy";
import * as actions from "./user-actions";

/** Knobs for tests and benchmarks: retry delays, the fetch the SCIM client uses, its timeout. */
export type ExecuteOptions = { retry?: Partial<RetryPolicy>; fetch?: typeof fetch; timeoutMs?: number };

const APP_SELECT = { id: true, name: true, kind: true, baseUrl: true, credentialsEnc: true, features: true, deprovisionMode: true, mapping: true, capabilities: true } as const;

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
  const probe = mapUserToScim({ id: job.subjectId, userName: job.subjectLabel, email: "", active: false }, ctx.app.mapping);
  const found = await ctx.client.findUserByUserName(probe.userName);
  return found?.id ?? null;
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

// A manager's new account id is part of each report's SCIM record (manager.value), so their records
// in this app change now: queue them, and the planner skips those whose record did not change.
async function refreshReports(job: ClaimedJob): Promise<void> {
  const reports = await db.user.findMany({ where: { managerId: job.subjectId }, select: { id: true } });
  if (reports.length === 0) return;
  await db.$transaction((tx) => enqueueForUsers(tx, reports.map((r) => r.id), job.causedBy));
  wakeWorker();
}

// Actions after which the account's active state in the app changed: its pushed groups gain or lose it.
const GROUP_CHANGING = new Set(["create", "link", "reactivate", "deactivate", "delete"]);

// Group members are accounts active in the app, so a user provisioned (or deprovisioned) only now is
// added to (or removed from) the pushed groups it belongs to with one more group push.
async function refreshGroups(job: ClaimedJob, app: ScopedApp, remoteId: string | null | undefined): Promise<void> {
  const { queued } = await db.$transaction((tx) => enqueueGroupsForUsers(tx, [job.subjectId], [app], job.causedBy, remoteId ? [remoteId] : []));
  if (queued > 0) wakeWorker();
}

/**
 * Executes one claimed job: re-plans from the current state (the job asks to converge; if nothing is
 * needed any more it is skipped), calls the app, and records the account, the job and one event.
 * Never throws for an app failure: those become retries or a failed job with the app's message.
 */
export async function executeJob(job: ClaimedJob, options: ExecuteOptions = {}): Promise<AttemptResult> {
  const started = Date.now();
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const appRow: AppRow | null = await db.app.findUnique({ where: { id: job.appId }, select: APP_SELECT });
  const base = { job, appRow, started };
  if (!appRow) return recordAttempt({ ...base, entry: undefined, status: "cancelled", outcome: "skipped", action: job.operation, message: "The app was removed; nothing to do." });
  if (job.subjectType === "group") return executeGroupJob(job, appRow, options);

  const [app] = await loadScopedApps(db, [appRow.id]);
  const [entry] = await loadDesiredState(db, [job.subjectId], [app]);
  const userGone = !entry?.user && (await db.user.count({ where: { id: job.subjectId } })) === 0;
  let plan: UserPlan = entry ? planEntry(entry) : null;
  if (!plan && userGone && !entry && (job.operation === "deactivate" || job.operation === "delete")) {
    plan = { operation: job.operation, reason: "The user was deleted from the directory" };
  }
  const label = entry?.userName || job.subjectLabel;
  if (!plan) {
    return recordAttempt({ ...base, entry, status: "succeeded", outcome: "skipped", action: job.operation, message: `Nothing to do: ${app.settings.name} already matches the console for ${label}.` });
  }

  let ctx: actions.ActionContext | null = null;
  try {
    const client = loadAppClient(appRow, { fetch: options.fetch, timeoutMs: options.timeoutMs });
    ctx = { client, app: app.settings, supportsPatch: supportsPatch(appRow.capabilities), label };
    const result = await perform(ctx, plan.operation, entry, job);
    const recorded = await recordAttempt({ ...base, entry, status: "succeeded", ...result });
    if (result.action === "create" || result.action === "link") await refreshReports(job);
    if (app.settings.features.pushGroups && result.outcome === "success" && GROUP_CHANGING.has(result.action)) await refreshGroups(job, app, result.remoteId);
    return recorded;
  } catch (error) {
    const message = describeScimError(error);
    const scim = error instanceof ScimError ? error : null;
    const http = { httpStatus: scim?.httpStatus ?? null, scimType: scim?.scimType ?? null };
    // 404 while updating: the account was removed in the app. Mark it and stop; creating it again
    // silently could duplicate a person the app's admin removed on purpose.
    if (scim?.reason === "not-found" && (plan.operation === "update" || plan.operation === "reactivate")) {
      const gone = `The account of ${label} no longer exists in ${app.settings.name} (HTTP ${scim.httpStatus ?? 404}). It was marked as gone and not re-created, so nothing is duplicated; use Provision now to create it again.`;
      return recordAttempt({ ...base, entry, ...http, status: "failed", outcome: "failed", action: plan.operation, state: "gone", message: gone });
    }
    if (scim?.retryable && job.attempts < policy.maxAttempts) {
      const delay = retryDelayMs(job.attempts, policy, scim.retryAfterMs);
      const next = `${message} Attempt ${job.attempts} of ${policy.maxAttempts}; next try in ${Math.ceil(delay / 1000)} s.`;
      return recordAttempt({ ...base, entry, ...http, status: "queued", outcome: "retrying", action: plan.operation, message: next, nextAttemptAt: new Date(Date.now() + delay) });
    }
    const final = scim?.retryable ? `${message} Gave up after ${job.attempts} attempts; use Retry once the app answers again.` : message;
    return recordAttempt({ ...base, entry, ...http, status: "failed", outcome: "failed", action: plan.operation, message: final });
  }
}
