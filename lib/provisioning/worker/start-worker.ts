import "server-only";
import { runAs, type Actor } from "@/lib/authz";
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
  // The side loops (approvals, Slack, reconciliation, purges) are started beside the worker by
  // lib/background, which sits above the domains they belong to.
  while (!options.signal?.aborted) {
    try {
      await runAs(SYSTEM_ACTOR, () => runWorker({ ...options, onError: log }));
    } catch (error) {
      log(`The worker stopped: ${error instanceof Error ? error.message : String(error)}; restarting in ${RESTART_DELAY_MS / 1000} s.`);
      await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS));
    }
  }
}

/** WORKER_CONCURRENCY, default DEFAULT_CONCURRENCY (each app's maxConcurrency still applies). */
export function workerConcurrency(): number {
  const n = Number(process.env.WORKER_CONCURRENCY);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_CONCURRENCY;
}
