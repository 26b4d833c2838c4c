import "server-only";
import { ErrorCode } from "@slack/web-api";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { approvalMessage } from "./approval-blocks";
import { backoffMs, loadRequests, messageInput, type LoadedRequest } from "./approval-message-data";
import { approvalsClient, loadSlackConfig, type SlackConfig } from "./settings";
import { describeSlackError, platformErrorCode } from "./slack-errors";

/** Options shared by the poster's passes; `requestIds` limits them (tests sharing a database). */
export type PassOptions = { requestIds?: string[]; now?: Date; batch?: number };

// Errors an admin has to fix in Slack or in Settings > Slack; retrying would only fail again.
const PERMANENT = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "account_inactive",
  "missing_scope",
  "invalid_blocks",
  "restricted_action",
]);

/** How long one process owns a claimed post before another may try (it crashed mid-call). */
const CLAIM_MS = 2 * 60_000;

function scope(options: PassOptions) {
  return options.requestIds ? { id: { in: options.requestIds } } : {};
}

async function channelFor(request: LoadedRequest, config: SlackConfig): Promise<string> {
  if (request.channel) return request.channel;
  const rule = request.ruleId ? await db.approvalRule.findUnique({ where: { id: request.ruleId }, select: { channel: true } }) : null;
  return rule?.channel?.trim() || config.defaultChannel;
}

/**
 * Posts due pending requests (postState "pending") to Slack with chat.postMessage and stores channel +
 * ts. Rate limits and outages reschedule with backoff (postAttempts, nextPostAt, postError); errors an
 * admin must fix mark the post failed; without Slack settings requests become "not_configured" and
 * are decided in the console. Returns how many were posted.
 */
export async function postPendingApprovals(options: PassOptions = {}): Promise<{ posted: number; retrying: number; failed: number; notConfigured: number }> {
  await requirePermission("provisioning:retry");
  const now = options.now ?? new Date();
  const result = { posted: 0, retrying: 0, failed: 0, notConfigured: 0 };
  const due = { ...scope(options), status: "pending", postState: "pending", OR: [{ nextPostAt: null }, { nextPostAt: { lte: now } }] };
  const config = await loadSlackConfig();
  if (!config) {
    const { count } = await db.approvalRequest.updateMany({
      where: due,
      data: { postState: "not_configured", postError: "Slack is not configured (Settings > Slack); decide this request in the console." },
    });
    result.notConfigured = count;
    return result;
  }
  const client = approvalsClient(config.botToken);
  for (const request of await loadRequests(due, options.batch ?? 20)) {
    // Claim: only the process whose conditional update wins posts, so a message is posted once.
    const claimed = await db.approvalRequest.updateMany({
      where: { id: request.id, postState: "pending", postAttempts: request.postAttempts },
      data: { postAttempts: { increment: 1 }, nextPostAt: new Date(now.getTime() + CLAIM_MS) },
    });
    if (claimed.count === 0) continue;
    const attempt = request.postAttempts + 1;
    try {
      const channel = await channelFor(request, config);
      const reply = await client.chat.postMessage({ channel, ...approvalMessage(messageInput(request)) });
      const posted = await db.approvalRequest.update({
        where: { id: request.id },
        data: { postState: "posted", channel: String(reply.channel ?? channel), messageTs: String(reply.ts ?? ""), nextPostAt: null, postError: null },
        select: { status: true },
      });
      // Decided in the console while the post was in flight: the new message needs the outcome.
      if (posted.status !== "pending") await db.approvalRequest.update({ where: { id: request.id }, data: { updatePending: true } });
      result.posted += 1;
    } catch (error) {
      const code = platformErrorCode(error);
      if (code && PERMANENT.has(code)) {
        await db.approvalRequest.update({
          where: { id: request.id },
          data: { postState: "failed", nextPostAt: null, postError: `Slack refused the message: ${describeSlackError(error)}. Fix Settings > Slack (saving posts it again) or decide in the console.` },
        });
        result.failed += 1;
        continue;
      }
      const rateLimited = error instanceof Error && "code" in error && error.code === ErrorCode.RateLimitedError;
      const waitMs = rateLimited && "retryAfter" in error && typeof error.retryAfter === "number" ? error.retryAfter * 1000 : backoffMs(attempt);
      const nextPostAt = new Date(now.getTime() + waitMs);
      await db.approvalRequest.update({
        where: { id: request.id },
        data: { nextPostAt, postError: `Not posted to Slack yet (attempt ${attempt}): ${describeSlackError(error)}. Retrying at ${nextPostAt.toISOString()}; the console can decide it meanwhile.` },
      });
      result.retrying += 1;
    }
  }
  return result;
}
