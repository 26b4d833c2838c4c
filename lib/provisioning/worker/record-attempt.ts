import "server-only";
import { db, type Tx } from "@/lib/db";
import type { ScimUser } from "@/lib/scim/types";
import type { AppRow } from "../app-settings";
import type { DesiredEntry } from "../desired-state";
import { hashResource, type AttributeChange } from "../hash";
import type { AccountState, EventOutcome, JobStatus } from "../types";
import type { ClaimedJob } from "./claim-jobs";

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
  /** Extra writes in the same transaction (group jobs record their AppGroup here). */
  write?: (tx: Tx) => Promise<void>;
};

/** Writes the account link, the job's new status and the attempt's event in one transaction. */
export async function recordAttempt(r: AttemptRecord): Promise<AttemptResult> {
  const now = new Date();
  const { job, entry } = r;
  const done = r.status !== "queued";
  await db.$transaction(async (tx) => {
    if (entry?.user) {
      const failed = r.outcome === "failed";
      const account = {
        ...(r.state ? { state: r.state } : {}),
        ...(r.remoteId !== undefined && r.remoteId !== null ? { remoteId: r.remoteId } : {}),
        ...(r.pushed ? { lastPushed: JSON.stringify(r.pushed), lastPushedHash: hashResource(r.pushed) } : {}),
        ...(failed ? { lastError: r.message } : r.outcome === "success" ? { lastError: null, lastSyncAt: now } : {}),
      };
      if (entry.account) {
        if (Object.keys(account).length > 0) await tx.appAccount.update({ where: { id: entry.account.id }, data: account });
      } else if (r.outcome === "success" || failed) {
        // A failed first create still gets a link row, so the user's Apps tab shows the failure.
        await tx.appAccount.upsert({
          where: { appId_userId: { appId: job.appId, userId: job.subjectId } },
          create: { appId: job.appId, userId: job.subjectId, state: failed ? "failed" : "active", ...account },
          update: account,
        });
      }
    }
    if (r.write) await r.write(tx);
    await tx.provisioningJob.updateMany({
      where: { id: job.id, leaseOwner: job.leaseOwner },
      data: {
        status: r.status,
        leaseOwner: null,
        leaseUntil: null,
        lastError: r.outcome === "failed" || r.outcome === "retrying" ? r.message : null,
        ...(r.nextAttemptAt ? { nextAttemptAt: r.nextAttemptAt } : {}),
      },
    });
    if (r.appRow) {
      await tx.provisioningEvent.create({
        data: {
          appId: r.appRow.id,
          appName: r.appRow.name,
          subjectType: job.subjectType,
          userId: job.subjectType === "user" ? job.subjectId : null,
          userIdentifier: entry?.userName || job.subjectLabel,
          action: r.action,
          outcome: r.outcome,
          httpStatus: r.httpStatus ?? null,
          scimType: r.scimType ?? null,
          message: r.message,
          durationMs: Date.now() - r.started,
          attempt: Math.max(1, job.attempts),
          jobId: job.id,
          causedBy: job.causedBy,
          detail: r.changes && r.changes.length > 0 ? JSON.stringify({ changes: r.changes }) : null,
        },
      });
    }
  });
  return { jobId: job.id, status: done ? r.status : "queued", outcome: r.outcome, action: r.action, message: r.message };
}
