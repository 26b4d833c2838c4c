import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { requirePermission } from "@/lib/authz";
import { onWake } from "../wake";
import { claimBatch, type ClaimOptions } from "./claim-jobs";
import { executeJobs, type ExecuteOptions } from "./execute-job";
import type { AttemptResult } from "./record-attempt";

/** Jobs in flight at once per worker process when WORKER_CONCURRENCY is not set; each app's own limit applies too. */
export const DEFAULT_CONCURRENCY = 32;

/** Options of the worker loop. */
export type WorkerOptions = ExecuteOptions & {
  signal?: AbortSignal;
  /** Jobs in flight at once in this process; default DEFAULT_CONCURRENCY. */
  concurrency?: number;
  /** The polling fallback when no wake signal arrives (other processes' commits); default 1 s. */
  pollMs?: number;
  workerId?: string;
  /** Called with a message when claiming or recording fails (never with a credential). */
  onError?: (message: string) => void;
  /** Only these apps' jobs (tests and benchmarks that share a database); default all. */
  appIds?: string[];
  /** Benchmarks watch the loop: each claimed batch's size, each recorded attempt. */
  observe?: WorkerObserver;
};

/** Hooks a benchmark uses to see batch sizes and results; they must not throw. */
export type WorkerObserver = { claimed?: (count: number) => void; recorded?: (result: AttemptResult) => void };

/** A worker id that tells processes apart in leases. */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Pacing's "next token in" can be a millisecond; waking that often would only spin.
const MIN_PACING_WAIT_MS = 10;

// A claim and the batch it starts cost ~10 statements whatever its size, so under load the worker claims
// again only once a quarter of its slots is free (at once when idle). It does not wait for that while the
// jobs in flight have stopped finishing (a slow app holds them: a free slot takes other work after
// STALL_MS), nor longer than MAX_CLAIM_DEFER_MS after its last claim.
const CLAIM_SHARE = 4;
const STALL_MS = 50;
const MAX_CLAIM_DEFER_MS = 250;

/** How long to defer claiming with `free` of `concurrency` slots free (0: claim now). */
export function claimDeferMs(free: number, concurrency: number, msSinceRecorded: number, msSinceClaim: number): number {
  if (free <= 0 || free === concurrency || free >= Math.ceil(concurrency / CLAIM_SHARE)) return 0;
  return Math.max(0, Math.min(STALL_MS - msSinceRecorded, MAX_CLAIM_DEFER_MS - msSinceClaim));
}

/**
 * The worker loop: claims due jobs in batches (as many as free slots, within each app's pacing) and
 * executes them side by side; wakes on wakeWorker() (same process), when a job finishes, when pacing lets
 * more through, or polls. Returns after `signal` aborts and the jobs in flight finish.
 */
export async function runWorker(options: WorkerOptions = {}): Promise<void> {
  await requirePermission("provisioning:retry");
  const { signal, concurrency = DEFAULT_CONCURRENCY, pollMs = 1_000, onError = (m) => console.error(`[provisioning worker] ${m}`) } = options;
  const workerId = options.workerId ?? newWorkerId();
  const batches = new Set<Promise<void>>();
  let inFlight = 0;
  let pending = false;
  let lastClaimAt = 0;
  let lastRecordedAt = 0;
  let wake = () => {};
  const signalWake = () => {
    pending = true;
    wake();
  };
  const unsubscribe = onWake(signalWake);
  try {
    while (!signal?.aborted) {
      pending = false;
      const free = concurrency - inFlight;
      let claimedAll = false;
      let retryInMs: number | null = null;
      const deferMs = claimDeferMs(free, concurrency, Date.now() - lastRecordedAt, Date.now() - lastClaimAt);
      if (free > 0 && deferMs === 0) {
        lastClaimAt = Date.now();
        try {
          const claimed = await claimBatch(workerId, free, options.appIds ? { appIds: options.appIds } : {});
          const jobs = claimed.jobs;
          retryInMs = claimed.retryInMs;
          claimedAll = jobs.length === free;
          options.observe?.claimed?.(jobs.length);
          if (jobs.length > 0) {
            inFlight += jobs.length;
            let recorded = 0;
            const onRecorded = (result: AttemptResult) => {
              options.observe?.recorded?.(result);
              recorded++;
              inFlight--;
              lastRecordedAt = Date.now();
              signalWake();
            };
            const run: Promise<void> = executeJobs(jobs, { ...options, onRecorded })
              .then(() => undefined, (error: unknown) => onError(`Jobs ${jobs.map((j) => j.id).join(", ")} could not all be recorded: ${messageOf(error)}`))
              .finally(() => {
                // Jobs whose attempt could not be recorded keep their lease and run again after it.
                inFlight -= jobs.length - recorded;
                batches.delete(run);
                signalWake();
              });
            batches.add(run);
          }
        } catch (error) {
          onError(`Claiming jobs failed: ${messageOf(error)}`);
        }
      }
      // More may be due right away when every free slot was filled; otherwise wait for a signal.
      if ((claimedAll && inFlight < concurrency) || pending) continue;
      let waitMs = retryInMs === null ? pollMs : Math.min(pollMs, Math.max(MIN_PACING_WAIT_MS, retryInMs));
      if (deferMs > 0) waitMs = Math.min(waitMs, deferMs);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          wake = () => {};
          resolve();
        };
        const timer = setTimeout(done, waitMs);
        wake = done;
        signal?.addEventListener("abort", done, { once: true });
        // Aborted while claiming: no abort event comes any more, so stop now rather than after the poll.
        if (signal?.aborted) done();
      });
    }
  } finally {
    unsubscribe();
    await Promise.allSettled([...batches]);
  }
}

/** The longest drainJobs waits for an app's pacing before it counts the queue as drained. */
const DRAIN_PACING_WAIT_MS = 2_000;

/**
 * Claims and executes due jobs until none is due (tests and benchmarks); `appIds` limits it to some
 * apps so tests sharing a database do not take each other's jobs. Returns every attempt's result.
 */
export async function drainJobs(options: ExecuteOptions & ClaimOptions & { maxRounds?: number } = {}): Promise<AttemptResult[]> {
  const workerId = newWorkerId();
  const results: AttemptResult[] = [];
  for (let round = 0; round < (options.maxRounds ?? 100); round++) {
    const { jobs, retryInMs } = await claimBatch(workerId, 10, { appIds: options.appIds });
    if (jobs.length === 0) {
      if (retryInMs === null || retryInMs > DRAIN_PACING_WAIT_MS) break;
      await new Promise((resolve) => setTimeout(resolve, Math.max(MIN_PACING_WAIT_MS, retryInMs)));
      continue;
    }
    results.push(...(await executeJobs(jobs, options)));
  }
  return results;
}
