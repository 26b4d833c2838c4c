import "server-only";
import { randomBytes } from "node:crypto";
import { db, Prisma, type Tx } from "@/lib/db";
import { sqlInstant } from "@/lib/db-sql";
import type { ScimUser } from "@/lib/scim/types";
import type { AppRow } from "../app-settings";
import type { DesiredEntry } from "../desired-state";
import { hashResource, type AttributeChange } from "../hash";
import { checkQuarantine } from "../quarantine";
import type { AccountState, EventOutcome, JobStatus } from "../types";
import type { ClaimedJob } from "./claim-jobs";
import { eventUserSearch } from "@/lib/provisioning/event-search";

/** One attempt's result, as recorded. */
export type AttemptResult = { jobId: string; status: JobStatus; outcome: EventOutcome; action: string; message: string };

/** What to record for one attempt. */
export type AttemptRecord = {
  job: ClaimedJob;
  appRow: AppRow | null;
  entry: DesiredEntry | undefined;
  started: number;
  status: JobStatus;
  outcome: EventOutcome;
  action: string;
  message: string;
  state?: AccountState | null;
  remoteId?: string | null;
  pushed?: ScimUser;
  changes?: AttributeChange[];
  httpStatus?: number | null;
  scimType?: string | null;
  nextAttemptAt?: Date;
  /** A rate-limited attempt (429) does not count against the job's attempts. */
  uncounted?: boolean;
  /** Extra writes in the same transaction (group jobs record their AppGroup here). */
  write?: (tx: Tx) => Promise<void>;
};

/** Writes the account link, the job's new status and the attempt's event in one transaction. */
export async function recordAttempt(r: AttemptRecord): Promise<AttemptResult> {
  return (await recordAttempts([r]))[0];
}

/**
 * Records many attempts in one transaction (the worker's batches): new account links, finished jobs and
 * events go in as multi-row raw statements (Prisma's query path cost more CPU than the database), so the
 * database cost per job stays small at thousands of jobs. A new link that collides with one written
 * meanwhile is updated instead. `held` learns how long the transaction held the database (ms).
 */
export async function recordAttempts(records: AttemptRecord[], held?: (ms: number) => void): Promise<AttemptResult[]> {
  if (records.length === 0) return [];
  const now = new Date();
  await db.$transaction(async (tx) => {
    const began = performance.now();
    await writeRecords(tx, records, now);
    held?.(performance.now() - began);
  });
  for (const r of records) {
    await checkQuarantine(r.job.appId, { jobId: r.job.id, status: r.status, outcome: r.outcome, httpStatus: r.httpStatus });
  }
  return records.map((r) => ({ jobId: r.job.id, status: r.status, outcome: r.outcome, action: r.action, message: r.message }));
}

// Ids shaped like Prisma's cuid() (c, time, counter, process, random): rows inserted by raw SQL sort like
// the ones Prisma inserts, by time and then in insertion order.
const PROCESS_PART = randomBytes(2).toString("hex");
let counter = 0;
function newId(): string {
  counter = (counter + 1) % 36 ** 4;
  return `c${Date.now().toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${PROCESS_PART}${Math.random().toString(36).slice(2, 10).padEnd(8, "0")}`;
}

/** Rows per multi-row INSERT: under the bound-parameter limits of both providers. */
const ROWS_PER_INSERT = 40;

function chunks<T>(items: T[], size = ROWS_PER_INSERT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const instant = (d: Date | null | undefined) => (d ? sqlInstant(d) : null);

/** The account columns an attempt sets; absent ones stay as they are. */
type AccountData = { state?: AccountState; remoteId?: string; lastPushed?: string; lastPushedHash?: string; lastError?: string | null; lastSyncAt?: Date };

function accountData(r: AttemptRecord, now: Date): AccountData {
  const failed = r.outcome === "failed";
  return {
    ...(r.state ? { state: r.state } : {}),
    ...(r.remoteId !== undefined && r.remoteId !== null ? { remoteId: r.remoteId } : {}),
    ...(r.pushed ? { lastPushed: JSON.stringify(r.pushed), lastPushedHash: hashResource(r.pushed) } : {}),
    ...(failed ? { lastError: r.message } : r.outcome === "success" ? { lastError: null, lastSyncAt: now } : {}),
  };
}

async function writeRecords(tx: Tx, records: AttemptRecord[], now: Date): Promise<void> {
  const creates: { record: AttemptRecord; account: AccountData }[] = [];
  for (const r of records) {
    const { entry } = r;
    if (!entry?.user) continue;
    const account = accountData(r, now);
    if (entry.account) {
      if (Object.keys(account).length > 0) await tx.appAccount.update({ where: { id: entry.account.id }, data: account });
    } else if (r.outcome === "success" || r.outcome === "failed") {
      // A failed first create still gets a link row, so the user's Apps tab shows the failure.
      creates.push({ record: r, account });
    }
  }
  await insertAccounts(tx, creates, now);

  for (const r of records) if (r.write) await r.write(tx);

  // Finished jobs with the same outcome share one statement; retries carry their own time and message.
  const plain = new Map<string, string[]>();
  for (const r of records) {
    const lastError = r.outcome === "failed" || r.outcome === "retrying" ? r.message : null;
    if (lastError === null && !r.nextAttemptAt && !r.uncounted) {
      const key = `${r.status}\u0000${r.job.leaseOwner ?? ""}`;
      plain.set(key, [...(plain.get(key) ?? []), r.job.id]);
      continue;
    }
    await tx.provisioningJob.updateMany({
      where: { id: r.job.id, leaseOwner: r.job.leaseOwner },
      data: {
        status: r.status,
        leaseOwner: null,
        leaseUntil: null,
        lastError,
        ...(r.nextAttemptAt ? { nextAttemptAt: r.nextAttemptAt } : {}),
        ...(r.uncounted ? { attempts: { decrement: 1 } } : {}),
      },
    });
  }
  for (const [key, ids] of plain) {
    const [status, leaseOwner] = key.split("\u0000");
    const owner = leaseOwner ? Prisma.sql`"leaseOwner" = ${leaseOwner}` : Prisma.sql`"leaseOwner" IS NULL`;
    for (const part of chunks(ids, 500)) {
      await tx.$executeRaw(Prisma.sql`UPDATE "ProvisioningJob" SET status = ${status}, "leaseOwner" = NULL, "leaseUntil" = NULL, "lastError" = NULL, "updatedAt" = ${sqlInstant(now)} WHERE id IN (${Prisma.join(part)}) AND ${owner}`);
    }
  }

  await insertEvents(tx, records, now);
}

// New account links in a few statements. One written meanwhile (another path linked the user) is left
// alone by the insert and updated with this attempt's fields instead, as an upsert would.
async function insertAccounts(tx: Tx, creates: { record: AttemptRecord; account: AccountData }[], now: Date): Promise<void> {
  const at = sqlInstant(now);
  for (const part of chunks(creates)) {
    const rows = part.map(({ record: r, account: a }) => {
      const state = a.state ?? (r.outcome === "failed" ? "failed" : "active");
      return Prisma.sql`(${newId()}, ${r.job.appId}, ${r.job.subjectId}, ${a.remoteId ?? null}, ${state}, ${a.lastPushed ?? null}, ${a.lastPushedHash ?? null}, ${instant(a.lastSyncAt)}, ${a.lastError ?? null}, ${at}, ${at})`;
    });
    const inserted = await tx.$queryRaw<{ appId: string; userId: string }[]>(Prisma.sql`
      INSERT INTO "AppAccount" (id, "appId", "userId", "remoteId", state, "lastPushed", "lastPushedHash", "lastSyncAt", "lastError", "createdAt", "updatedAt")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("appId", "userId") DO NOTHING
      RETURNING "appId", "userId"`);
    const done = new Set(inserted.map((i) => `${i.appId}:${i.userId}`));
    for (const { record: r, account } of part) {
      if (done.has(`${r.job.appId}:${r.job.subjectId}`)) continue;
      await tx.appAccount.update({ where: { appId_userId: { appId: r.job.appId, userId: r.job.subjectId } }, data: account });
    }
  }
}

async function insertEvents(tx: Tx, records: AttemptRecord[], now: Date): Promise<void> {
  const at = sqlInstant(now);
  const rows = records.flatMap((r) => {
    if (!r.appRow) return [];
    const { job, entry } = r;
    const identifier = entry?.userName || job.subjectLabel;
    const detail = r.changes && r.changes.length > 0 ? JSON.stringify({ changes: r.changes }) : null;
    return [
      Prisma.sql`(${newId()}, ${at}, ${r.appRow.id}, ${r.appRow.name}, ${job.subjectType}, ${job.subjectType === "user" ? job.subjectId : null}, ${identifier}, ${eventUserSearch(identifier, entry?.user)}, ${r.action}, ${r.outcome}, ${r.httpStatus ?? null}, ${r.scimType ?? null}, ${r.message}, ${Date.now() - r.started}, ${Math.max(1, job.attempts)}, ${job.id}, ${job.causedBy}, ${detail})`,
    ];
  });
  for (const part of chunks(rows)) {
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO "ProvisioningEvent" (id, at, "appId", "appName", "subjectType", "userId", "userIdentifier", "userSearch", action, outcome, "httpStatus", "scimType", message, "durationMs", attempt, "jobId", "causedBy", detail)
      VALUES ${Prisma.join(part)}`);
  }
}
