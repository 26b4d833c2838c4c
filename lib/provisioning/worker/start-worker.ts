import "server-only";
import { startExpiryLoop } from "@/lib/approvals/expire";
import { runAs, type Actor } from "@/lib/authz";
import { startApprovalPoster } from "@/lib/slack/approval-poster";
import { startReconcileLoop } from "@/lib/reconcile/run-loop";
import { startRetentionLoop } from "@/lib/reports/retention-purge";
import { startSignInPurgeLoop } from "@/lib/sign-in/purge-sign-in-state";
import { DEFAULT_CONCURRENCY, runWorker, type WorkerOptions } from "./run-worker";

/** The actor the worker runs as: it acts for the operators whose changes queued the jobs. */
export const SYSTEM_ACTOR: Actor = { id: "system", email: "system", name: "Provisioning worker", role: "admin" };

const RESTART_DELAY_MS = 5_000;

/**
 * Runs the worker loop as the system actor until `signal` aborts; if the loop itself ever fails
 * (the database went away), it logs and starts again after a pause instead of stopping provisioning.
 */
export async function startWorker(options: WorkerOptions = {}): Promise<void> {
  const log = options.onError ?? ((m: string) => console.error(`[provisioning worker] ${m}`));
  // Every full worker (npm start's in-process one and each `npm run worker`) also runs the side loops;
  // each claims its work with a lease or a conditional update, so several processes share them safely.
  // Workers limited to some apps (tests, benchmarks) run only the provisioning loop.
  if (!options.appIds) {
    const signal = options.signal ?? new AbortController().signal;
    void startRetentionLoop(signal); // the daily event purge
    void startSignInPurgeLoop(signal); // ended sessions and stale throttle counters, hourly
    void startReconcileLoop(signal); // scheduled and Sync now runs (lib/reconcile)
    startExpiryLoop(SYSTEM_ACTOR, signal); // approval requests past their time
    startApprovalPoster(signal); // Slack messages for approval requests, and their updates
  }
  while (!options.signal?.aborted) {
    try {
      await runAs(SYSTEM_ACTOR, () => runWorker({ ...options, onError: log }));
    } catch (error) {
      log(`The worker stopped: ${error instanceof Error ? error.message : String(error)}; restarting in ${RESTART_DELAY_MS / 1000} s.`);
      await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS));
    }
  }
}

const globalForWorker = globalThis as unknown as { __provisioningWorker?: AbortController };

/** Starts the in-process worker once per process (npm start); a second call is a no-op. */
export function startInProcessWorker(): void {
  if (globalForWorker.__provisioningWorker) return;
  const controller = new AbortController();
  globalForWorker.__provisioningWorker = controller;
  void startWorker({ signal: controller.signal, concurrency: workerConcurrency() });
}

/** WORKER_CONCURRENCY, default DEFAULT_CONCURRENCY (each app's maxConcurrency still applies). */
export function workerConcurrency(): number {
  const n = Number(process.env.WORKER_CONCURRENCY);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_CONCURRENCY;
}
