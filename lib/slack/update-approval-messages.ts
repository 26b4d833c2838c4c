import "server-only";
import { ErrorCode } from "@slack/web-api";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { approvalMessage } from "./approval-blocks";
import { backoffMs, loadRequests, messageInput } from "./approval-message-data";
import type { PassOptions } from "./post-approvals";
import { approvalsClient, loadSlackConfig } from "./settings";
import { describeSlackError, platformErrorCode } from "./slack-errors";

// The message is gone or cannot be edited any more: stop trying, say so on the request.
const GIVE_UP = new Set(["message_not_found", "cant_update_message", "edit_window_closed", "channel_not_found", "invalid_auth", "token_revoked", "account_inactive", "not_authed"]);

/**
 * Brings posted messages up to date after a decision or expiry (updatePending): chat.update with the
 * outcome, who and when, buttons removed. A decision arriving during the call changes updatedAt, so
 * the flag stays set and the next pass updates again. Returns how many messages were updated.
 */
export async function updateApprovalMessages(options: PassOptions = {}): Promise<{ updated: number; retrying: number; failed: number }> {
  await requirePermission("provisioning:retry");
  const now = options.now ?? new Date();
  const result = { updated: 0, retrying: 0, failed: 0 };
  const scope = options.requestIds ? { id: { in: options.requestIds } } : {};
  // Never posted (Slack off, or decided before the post): nothing to edit.
  await db.approvalRequest.updateMany({ where: { ...scope, updatePending: true, postState: { in: ["not_configured", "failed"] } }, data: { updatePending: false } });
  const due = { ...scope, updatePending: true, postState: "posted", OR: [{ nextPostAt: null }, { nextPostAt: { lte: now } }] };
  const requests = await loadRequests(due, options.batch ?? 20);
  if (requests.length === 0) return result;
  const config = await loadSlackConfig();
  if (!config) return result;
  const client = approvalsClient(config.botToken);
  for (const request of requests) {
    if (!request.channel || !request.messageTs) continue;
    const unchanged = { id: request.id, updatedAt: request.updatedAt };
    try {
      await client.chat.update({ channel: request.channel, ts: request.messageTs, ...approvalMessage(messageInput(request)) });
      await db.approvalRequest.updateMany({ where: unchanged, data: { updatePending: false, nextPostAt: null } });
      result.updated += 1;
    } catch (error) {
      const code = platformErrorCode(error);
      if (code && GIVE_UP.has(code)) {
        await db.approvalRequest.updateMany({ where: unchanged, data: { updatePending: false, postError: `The Slack message could not be updated: ${describeSlackError(error)}.` } });
        result.failed += 1;
        continue;
      }
      const rateLimited = error instanceof Error && "code" in error && error.code === ErrorCode.RateLimitedError;
      const waitMs = rateLimited && "retryAfter" in error && typeof error.retryAfter === "number" ? error.retryAfter * 1000 : backoffMs(2);
      await db.approvalRequest.updateMany({ where: unchanged, data: { nextPostAt: new Date(now.getTime() + waitMs) } });
      result.retrying += 1;
    }
  }
  return result;
}
