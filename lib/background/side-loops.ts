import "server-only";
// The console's background loops besides provisioning: they belong to the domains above the engine,
// so they are started from here, beside the worker, never from inside lib/provisioning.
import { startExpiryLoop } from "@/lib/approvals/expire";
import { SYSTEM_ACTOR } from "@/lib/provisioning/worker/start-worker";
import { startReconcileLoop } from "@/lib/reconcile/run-loop";
import { startRetentionLoop } from "@/lib/reports/retention-purge";
import { startSignInPurgeLoop } from "@/lib/sign-in/purge-sign-in-state";
import { startApprovalPoster } from "@/lib/slack/approval-poster";

/**
 * Starts the side loops until `signal` aborts. Every full worker process (npm start's in-process one
 * and each `npm run worker`) runs them; each claims its work with a lease or a conditional update, so
 * several processes share them safely.
 */
export function startSideLoops(signal: AbortSignal): void {
  void startRetentionLoop(signal); // the daily event purge
  void startSignInPurgeLoop(signal); // ended sessions, stale throttle counters, expired ceremonies, hourly
  void startReconcileLoop(signal); // scheduled and Sync now runs (lib/reconcile)
  startExpiryLoop(SYSTEM_ACTOR, signal); // approval requests past their time
  startApprovalPoster(signal); // Slack messages for approval requests, and their updates
}
