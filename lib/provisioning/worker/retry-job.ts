import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError, NotFoundError } from "@/lib/errors";
import { idField } from "@/lib/schemas/common";
import { wakeWorker } from "../wake";

const NOT_FAILED = "Only failed provisioning work can be retried; this job is not failed (any more).";

/** Queues a failed job again from its first attempt (Retry button); the worker re-plans it from the current state. */
export async function retryJob(jobId: string): Promise<{ id: string }> {
  const actor = await requirePermission("provisioning:retry");
  const id = idField.safeParse(jobId);
  if (!id.success) throw new NotFoundError();
  await db.$transaction(async (tx) => {
    const job = await tx.provisioningJob.findUnique({ where: { id: id.data }, include: { app: { select: { name: true } } } });
    if (!job) throw new NotFoundError();
    const { count } = await tx.provisioningJob.updateMany({
      where: { id: job.id, status: "failed" },
      data: { status: "queued", attempts: 0, nextAttemptAt: new Date(), lastError: null, leaseOwner: null, leaseUntil: null, causedBy: actor.email },
    });
    if (count === 0) throw new DomainError(NOT_FAILED);
    await writeAudit(tx, actor, {
      action: "provisioning.retry",
      targetType: job.subjectType,
      targetId: job.subjectId,
      targetLabel: `${job.subjectLabel} in ${job.app.name}`,
      before: { status: "failed", lastError: job.lastError },
      after: { status: "queued", jobId: job.id, operation: job.operation },
    });
  });
  wakeWorker();
  return { id: id.data };
}
