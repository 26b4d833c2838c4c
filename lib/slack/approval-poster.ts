import "server-only";
import { runAs, type Actor } from "@/lib/authz";
import { onWake } from "@/lib/provisioning/wake";
import { postPendingApprovals } from "./post-approvals";
import { updateApprovalMessages } from "./update-approval-messages";

/** The poster acts for the system, as the provisioning worker does. */
const POSTER_ACTOR: Actor = { id: "system", email: "system", name: "Slack approvals poster", role: "admin" };

const globalForPoster = globalThis as unknown as { __approvalPoster?: boolean };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Posts new approval requests to Slack and updates decided ones, after their transactions commit (so
 * Slack never slows an admin's save): wakes with the provisioning worker and polls every `pollMs`.
 * Runs once per process until `signal` aborts.
 */
export function startApprovalPoster(signal: AbortSignal, options: { pollMs?: number } = {}): void {
  if (globalForPoster.__approvalPoster) return;
  globalForPoster.__approvalPoster = true;
  const pollMs = options.pollMs ?? 2_000;
  let wake = () => {};
  // A wake during a pass must not be lost: the next wait returns at once.
  let woken = false;
  const unsubscribe = onWake(() => {
    woken = true;
    wake();
  });
  signal.addEventListener("abort", () => wake(), { once: true });
  void (async () => {
    while (!signal.aborted) {
      woken = false;
      try {
        await runAs(POSTER_ACTOR, async () => {
          await postPendingApprovals();
          await updateApprovalMessages();
        });
      } catch (error) {
        // The database or the settings could not be read; say so (never a token) and try again.
        console.error(`[slack approvals] ${messageOf(error)}`);
      }
      if (woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    unsubscribe();
    globalForPoster.__approvalPoster = false;
  })();
}
