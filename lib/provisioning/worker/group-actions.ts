import "server-only";
import { db, type Tx } from "@/lib/db";
import type { ScimClient } from "@/lib/scim/client";
import { ScimError, describeScimError } from "@/lib/scim/errors";
import { DEFAULT_MEMBER_CHUNK_SIZE } from "@/lib/scim/patch";
import { loadAppClient, type AppRow } from "../app-settings";
import { loadScopedApps } from "../desired-state";
import { desiredGroupMembers, planStoredGroup, queueGroupJob } from "../enqueue-groups";
import { parseMembers, type GroupPlan } from "../plan-group";
import { wakeWorker } from "../wake";
import type { ClaimedJob } from "./claim-jobs";
import type { ExecuteOptions } from "./execute-job";
import { recordAttempt, type AttemptResult } from "./record-attempt";
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from "./retry-policy";

type AppGroupRow = { remoteId: string | null; displayName: string; lastMembers: string };

/** What a push reached before it finished or failed, so a retry never creates the group twice. */
type Progress = { remoteId: string | null; displayName: string | null };

type Pushed = { message: string; remoteId: string; members: string[] };

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

// The app's group: the one last pushed, else one with the same name (adopted), else a new one.
async function resolveRemote(client: ScimClient, name: string, progress: Progress, known: AppGroupRow | null): Promise<{ remoteId: string; previous: string[]; note: string }> {
  if (known?.remoteId) {
    if (known.displayName !== name) await client.renameGroup(known.remoteId, name);
    progress.remoteId = known.remoteId;
    progress.displayName = name;
    return { remoteId: known.remoteId, previous: parseMembers(known.lastMembers), note: known.displayName !== name ? `renamed it from ${known.displayName}` : "" };
  }
  const found = await client.findGroupByDisplayName(name);
  if (found?.id) {
    progress.remoteId = found.id;
    progress.displayName = name;
    // The name search leaves members out; the group itself says who is in it now.
    const members = ((await client.getGroup(found.id)).members ?? []).map((m) => m.value);
    return { remoteId: found.id, previous: members, note: "found an existing group with this name and linked it" };
  }
  const created = await client.createGroup(name, []);
  progress.remoteId = created.id;
  progress.displayName = name;
  return { remoteId: created.id, previous: [], note: "created it" };
}

async function push(client: ScimClient, appName: string, name: string, desired: string[], known: AppGroupRow | null, progress: Progress): Promise<Pushed> {
  let target;
  try {
    target = await resolveRemote(client, name, progress, known);
  } catch (error) {
    // The group was removed in the app: the console owns pushed groups, so it is found or made again.
    if (!(error instanceof ScimError) || error.reason !== "not-found" || !known?.remoteId) throw error;
    target = await resolveRemote(client, name, progress, null);
  }
  const before = new Set(target.previous);
  const wanted = new Set(desired);
  const add = desired.filter((id) => !before.has(id));
  const remove = target.previous.filter((id) => !wanted.has(id));
  if (add.length > 0 || remove.length > 0) await client.patchGroupMembers(target.remoteId, add, remove, DEFAULT_MEMBER_CHUNK_SIZE);
  const parts = [target.note, add.length > 0 ? `added ${count(add.length, "member")}` : "", remove.length > 0 ? `removed ${count(remove.length, "member")}` : ""].filter(Boolean);
  const message = parts.length > 0 ? `Group ${name} in ${appName}: ${parts.join("; ")}.` : `Nothing to send: ${appName} already has group ${name} with these members.`;
  return { message, remoteId: target.remoteId, members: desired };
}

async function remove(client: ScimClient, appName: string, name: string, known: AppGroupRow | null): Promise<string> {
  const remoteId = known?.remoteId ?? (await client.findGroupByDisplayName(known?.displayName || name))?.id ?? null;
  if (!remoteId) return `Group ${name} is not in ${appName}; nothing to delete.`;
  const { alreadyGone } = await client.deleteGroup(remoteId);
  return alreadyGone ? `Group ${name} was already gone from ${appName}.` : `Deleted group ${name} in ${appName}.`;
}

/**
 * Executes one claimed group job: re-plans from the current state, pushes the group (create or
 * link, rename, member PATCHes from the last pushed list) or deletes it, and records the AppGroup,
 * the job and one event. App failures become retries or a failed job, as for user jobs.
 */
export async function executeGroupJob(job: ClaimedJob, appRow: AppRow, options: ExecuteOptions = {}): Promise<AttemptResult> {
  const started = Date.now();
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const [app] = await loadScopedApps(db, [appRow.id]);
  const key = { appId_groupId: { appId: appRow.id, groupId: job.subjectId } };
  const group = await db.group.findUnique({ where: { id: job.subjectId }, select: { name: true } });
  const known: AppGroupRow | null = await db.appGroup.findUnique({ where: key, select: { remoteId: true, displayName: true, lastMembers: true } });
  const name = group?.name ?? (known?.displayName || job.subjectLabel);
  const base = { job: { ...job, subjectLabel: name }, appRow, entry: undefined, started };
  const appName = app.settings.name;

  let plan: GroupPlan = (await planStoredGroup(db, app, job.subjectId)).plan;
  // A deleted group has no AppGroup left: its job carries the remote name instead.
  if (!plan && !group && job.operation === "group_delete" && app.settings.features.pushGroups) plan = { operation: "group_delete", reason: "The group was deleted" };
  if (!plan) {
    const message = app.settings.features.pushGroups ? `Nothing to do: ${appName} already matches the console for group ${name}.` : `Pushing groups is off for ${appName}; nothing to do for group ${name}.`;
    return recordAttempt({ ...base, status: "succeeded", outcome: "skipped", action: job.operation, message });
  }

  const progress: Progress = { remoteId: known?.remoteId ?? null, displayName: known?.displayName ?? null };
  try {
    const client = loadAppClient(appRow, { fetch: options.fetch, timeoutMs: options.timeoutMs });
    if (plan.operation === "group_delete") {
      const message = await remove(client, appName, name, known);
      const write = async (tx: Tx) => {
        await tx.appGroup.deleteMany({ where: { appId: appRow.id, groupId: job.subjectId } });
      };
      return await recordAttempt({ ...base, status: "succeeded", outcome: "success", action: "group_delete", message, write });
    }
    const desired = await desiredGroupMembers(db, appRow.id, job.subjectId);
    const pushed = await push(client, appName, name, desired, known, progress);
    let orphaned = false;
    const write = async (tx: Tx) => {
      const data = { remoteId: pushed.remoteId, displayName: name, lastMembers: JSON.stringify(pushed.members), lastSyncAt: new Date(), lastError: null };
      if ((await tx.group.count({ where: { id: job.subjectId } })) === 0) {
        // Deleted while this push ran: remove what was just made rather than leave it behind.
        orphaned = true;
        await queueGroupJob(tx, appRow.id, job.subjectId, name, "group_delete", job.causedBy);
        return;
      }
      await tx.appGroup.upsert({ where: key, create: { appId: appRow.id, groupId: job.subjectId, ...data }, update: data });
    };
    const recorded = await recordAttempt({ ...base, status: "succeeded", outcome: "success", action: "group_push", message: pushed.message, write });
    if (orphaned) wakeWorker();
    return recorded;
  } catch (error) {
    const message = describeScimError(error);
    const scim = error instanceof ScimError ? error : null;
    const http = { httpStatus: scim?.httpStatus ?? null, scimType: scim?.scimType ?? null };
    const retrying = !!scim?.retryable && job.attempts < policy.maxAttempts;
    const delay = retrying ? retryDelayMs(job.attempts, policy, scim?.retryAfterMs) : 0;
    const text = retrying
      ? `${message} Attempt ${job.attempts} of ${policy.maxAttempts}; next try in ${Math.ceil(delay / 1000)} s.`
      : scim?.retryable
        ? `${message} Gave up after ${job.attempts} attempts; use Retry once the app answers again.`
        : message;
    const write = async (tx: Tx) => {
      if (!group || (await tx.group.count({ where: { id: job.subjectId } })) === 0) return;
      // Keep what was reached (a created group's id) so the next attempt does not create it again.
      const data = { lastError: text, ...(progress.remoteId ? { remoteId: progress.remoteId, displayName: progress.displayName ?? name } : {}) };
      if (known || progress.remoteId) await tx.appGroup.upsert({ where: key, create: { appId: appRow.id, groupId: job.subjectId, ...data }, update: data });
    };
    if (retrying) {
      return recordAttempt({ ...base, ...http, status: "queued", outcome: "retrying", action: plan.operation, message: text, nextAttemptAt: new Date(Date.now() + delay), write });
    }
    return recordAttempt({ ...base, ...http, status: "failed", outcome: "failed", action: plan.operation, message: text, write });
  }
}
