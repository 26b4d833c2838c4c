import "server-only";
import { randomUUID } from "node:crypto";
import { runAs, type Actor } from "@/lib/authz";
import { executeRun, type RunOptions } from "./run-reconciliation";
import { claimRun, enqueueDueRuns } from "./run-queue";
import { pause } from "@/lib/pause";
import { onReconcilerWake } from "./wake";

// Like the provisioning worker, the loop acts for the operators whose changes it carries out.
const RECONCILE_ACTOR: Actor = { id: "system", email: "system", name: "Reconciliation", role: "admin" };

const IDLE_MS = 5_000;
const SCHEDULE_EVERY_MS = 60_000;

/** Runs every claimable run now, one after another (tests and `drain`-style callers). */
export async function drainRuns(options: RunOptions & { appIds?: string[]; workerId?: string } = {}): Promise<number> {
  const workerId = options.workerId ?? `reconcile-${randomUUID()}`;
  let done = 0;
  for (let id = await claimRun(workerId, options); id; id = await claimRun(workerId, options)) {
    await executeRun(id, workerId, options);
    done += 1;
  }
  return done;
}

/**
 * The reconciliation loop beside the provisioning worker: every minute it queues scheduled runs that
 * are due, and it executes queued runs one at a time (claimed with a lease, so any number of
 * processes can run it). Sync now wakes it at once. Stops when `signal` aborts.
 */
export async function startReconcileLoop(signal?: AbortSignal): Promise<void> {
  const workerId = `reconcile-${process.pid}-${randomUUID().slice(0, 8)}`;
  let lastSchedule = 0;
  while (!signal?.aborted) {
    try {
      await runAs(RECONCILE_ACTOR, async () => {
        if (Date.now() - lastSchedule >= SCHEDULE_EVERY_MS) {
          lastSchedule = Date.now();
          await enqueueDueRuns();
        }
        await drainRuns({ workerId });
      });
    } catch (error) {
      console.error(`[reconciliation] ${error instanceof Error ? error.message : String(error)}; trying again shortly.`);
    }
    await pause(IDLE_MS, { signal, subscribe: onReconcilerWake });
  }
}
