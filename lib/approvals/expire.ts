import "server-only";
import { requirePermission, runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { expireRequest } from "./expire-request";

/** How often the expiry loop looks for requests past their time. */
export const EXPIRY_INTERVAL_MS = 60_000;

/** Expires every pending request past expiresAt: status expired, jobs cancelled, events, audit. Returns how many. */
export async function expireApprovals(now = new Date()): Promise<number> {
  await requirePermission("approvals:decide");
  const due = await db.approvalRequest.findMany({ where: { status: "pending", expiresAt: { lte: now } }, select: { id: true, summary: true }, orderBy: { expiresAt: "asc" }, take: 200 });
  let expired = 0;
  // One transaction per request: a decision racing one of them loses or wins cleanly on its own row.
  for (const request of due) {
    if (await db.$transaction((tx) => expireRequest(tx, request, now))) expired += 1;
  }
  return expired;
}

/** Runs expireApprovals every minute as `actor` until `signal` aborts; a failed round is logged and retried next time. */
export function startExpiryLoop(actor: Actor, signal: AbortSignal, log: (m: string) => void = (m) => console.error(`[approvals] ${m}`)): void {
  const tick = () =>
    runAs(actor, () => expireApprovals()).catch((error: unknown) => log(`Expiring approval requests failed: ${error instanceof Error ? error.message : String(error)}`));
  void tick();
  const timer = setInterval(tick, EXPIRY_INTERVAL_MS);
  timer.unref?.();
  signal.addEventListener("abort", () => clearInterval(timer), { once: true });
}
