import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { requirePermission } from "@/lib/authz";
import { onWake } from "../wake";
import { claimJobs, type ClaimOptions } from "./claim-jobs";
import { executeJob, type ExecuteOptions } from "./execute-job";
import type { AttemptResult } from "./record-attempt";

/** Options of the worker loop. */
export type WorkerOptions = ExecuteOptions & {
  signal?: AbortSignal;
  /** Jobs in flight at once; default 4. */
  concurrency?: number;
  /** The polling fallback when no wake signal arrives (other processes' commits); default 1 s. */
  pollMs?: number;
  workerId?: string;
  /** Called with a message when claiming or recording fails (never with a credential). */
  onError?: (message: string) => void;
  /** Only these apps' jobs (tests and benchmarks that share a database); default all. */
  appIds?: string[];
};

/** A worker id that tells processes apart in leases. */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The worker loop: claims due jobs and executes up to `concurrency` at once; wakes on wakeWorker()
 * (same process) or polls. Returns after `signal` aborts and the jobs in flight finish.
 */
export async function runWorker(options: WorkerOptions = {}): Promise<void> {
  await requirePermission("provisioning:retry");
  const { signal, concurrency = 4, pollMs = 1_000, onError = (m) => console.error(`[provisioning worker] ${m}`) } = options;
  const workerId = options.workerId ?? newWorkerId();
  const inFlight = new Set<Promise<void>>();
  let pending = false;
  let wake = () => {};
  const signalWake = () => {
    pending = true;
    wake();
  };
  const unsubscribe = onWake(signalWake);
  try {
    while (!signal?.aborted) {
      pending = false;
      const free = concurrency - inFlight.size;
      let claimedAll = false;
      if (free > 0) {
        try {
          const jobs = await claimJobs(workerId, free, options.appIds ? { appIds: options.appIds } : {});
          claimedAll = jobs.length === free;
          for (const job of jobs) {
            const run: Promise<void> = executeJob(job, options)
              .then(() => undefined, (error: unknown) => onError(`Job ${job.id} could not be recorded: ${messageOf(error)}`))
              .finally(() => {
                inFlight.delete(run);
                signalWake();
              });
            inFlight.add(run);
          }
        } catch (error) {
          onError(`Claiming jobs failed: ${messageOf(error)}`);
        }
      }
      // More may be due right away when every free slot was filled; otherwise wait for a signal.
      if ((claimedAll && inFlight.size < concurrency) || pending) continue;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          wake = () => {};
          resolve();
        };
        const timer = setTimeout(done, pollMs);
        wake = done;
        signal?.addEventListener("abort", done, { once: true });
      });
    }
  } finally {
    unsubscribe();
    await Promise.allSettled([...inFlight]);
  }
}

/**
 * Claims and executes due jobs until none is due (tests and benchmarks); `appIds` limits it to some
 * apps so tests sharing a database do not take each other's jobs. Returns every attempt's result.
 */
export async function drainJobs(options: ExecuteOptions & ClaimOptions & { maxRounds?: number } = {}): Promise<AttemptResult[]> {
  const workerId = newWorkerId();
  const results: AttemptResult[] = [];
  for (let round = 0; round < (options.maxRounds ?? 100); round++) {
    const jobs = await claimJobs(workerId, 10, { appIds: options.appIds });
    if (jobs.length === 0) break;
    results.push(...(await Promise.all(jobs.map((job) => executeJob(job, options)))));
  }
  return results;
}
