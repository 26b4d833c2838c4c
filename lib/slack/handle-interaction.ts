import "server-only";
import { decideApproval, type DecideResult } from "@/lib/approvals/decide";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { can, isRole } from "@/lib/permissions";
import { APPROVE_ACTION, DENY_ACTION } from "./approval-blocks";
import { parseInteraction, type BlockActions } from "./interaction-payload";
import { loadSlackConfig } from "./settings";
import { updateApprovalMessages } from "./update-approval-messages";
import { verifySlackSignature } from "./verify-signature";
import { slackApiUrl } from "./web-client";

/** The HTTP answer to Slack, and the work to run after it is sent (Slack wants the ack within 3 s). */
export type InteractionAnswer = { status: number; body: string; followUp?: () => Promise<void> };

/** The signed request as it arrived: raw body and the two Slack headers. */
export type InteractionRequest = { rawBody: string; timestamp: string | null; signature: string | null; nowMs?: number };

const SYSTEM: Actor = { id: "system", email: "system", name: "Slack approvals", role: "admin" };
const ACK: InteractionAnswer = { status: 200, body: "" };

function log(message: string) {
  // Ids and reasons only: never the body, a header value or a secret.
  console.warn(`[slack interactivity] ${message}`);
}

/** response_url must be Slack's (or the configured Web API host, for self-hosted proxies and tests). */
function trustedResponseUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "https:" && parsed.hostname === "hooks.slack.com") return url;
    return parsed.origin === new URL(slackApiUrl()).origin ? url : null;
  } catch {
    return null;
  }
}

/** An ephemeral reply to the clicking person only, through response_url (the message stays as it is). */
async function ephemeral(responseUrl: string | null, text: string): Promise<void> {
  if (!responseUrl) return;
  try {
    const res = await fetch(responseUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) log(`response_url answered HTTP ${res.status}`);
  } catch (error) {
    log(`response_url could not be reached: ${error instanceof Error ? error.name : "error"}`);
  }
}

async function refuse(reason: string, who: { slackUserId: string; adminId: string | null; adminEmail: string | null }, requestId: string | null): Promise<void> {
  log(`refused ${reason}: slack user ${who.slackUserId}, request ${requestId ?? "-"}`);
  await db.auditLog.create({
    data: {
      actorId: who.adminId,
      actorEmail: who.adminEmail ?? `slack:${who.slackUserId}`,
      action: "approval.slack.refused",
      targetType: "approval_request",
      targetId: requestId,
      targetLabel: requestId ?? "",
      after: JSON.stringify({ reason, slackUserId: who.slackUserId, via: "slack" }),
    },
  });
}

const NOT_AUTHORIZED =
  "You are not authorized to approve provisioning requests. Ask a console admin to link your Slack account to an approver in Settings > Slack.";

function explain(result: DecideResult): string | null {
  switch (result.kind) {
    case "decided":
      return result.status === "pending" ? "Your approval is recorded; the request waits for a second approver." : null;
    case "already":
      if (result.status === "pending") return "You already approved this request; it waits for a second approver.";
      return `This request was already ${result.status}${result.decidedBy ? ` by ${result.decidedBy}` : ""}${result.decidedAt ? ` at ${result.decidedAt}` : ""}. Nothing changed.`;
    case "expired":
      return "This request has expired; its changes were cancelled. Make the change again in the console if it is still needed.";
    case "not_found":
      return "This request no longer exists in the console. Nothing changed.";
    case "not_authorized":
      return NOT_AUTHORIZED;
  }
}

async function handleClick(payload: BlockActions, teamId: string): Promise<InteractionAnswer> {
  const slackUserId = payload.user.id;
  const responseUrl = trustedResponseUrl(payload.response_url);
  const action = payload.actions.find((a) => a.action_id === APPROVE_ACTION || a.action_id === DENY_ACTION);
  const requestId = action?.value && /^[A-Za-z0-9_-]{1,64}$/.test(action.value) ? action.value : null;
  const anonymous = { slackUserId, adminId: null, adminEmail: null };
  if (!action || !requestId) {
    log(`ignored action ${payload.actions.map((a) => a.action_id.slice(0, 40)).join(",")} from slack user ${slackUserId}`);
    return ACK;
  }
  if (teamId && payload.team?.id && payload.team.id !== teamId) {
    await refuse("other_workspace", anonymous, requestId);
    return { ...ACK, followUp: () => ephemeral(responseUrl, NOT_AUTHORIZED) };
  }
  const admins = await db.admin.findMany({ where: { slackUserId }, select: { id: true, email: true, name: true, role: true, disabled: true }, take: 2 });
  const admin = admins.length === 1 ? admins[0] : null;
  if (!admin || admin.disabled || !isRole(admin.role) || !can(admin.role, "approvals:decide")) {
    const reason = admins.length > 1 ? "slack_user_linked_twice" : !admin ? "not_linked" : admin.disabled ? "approver_disabled" : "no_permission";
    await refuse(reason, { slackUserId, adminId: admin?.id ?? null, adminEmail: admin?.email ?? null }, requestId);
    return { ...ACK, followUp: () => ephemeral(responseUrl, NOT_AUTHORIZED) };
  }
  const actor: Actor = { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
  // A decision is one short transaction, well inside Slack's 3 s; Slack calls wait for the follow-up.
  const result = await runAs(actor, () =>
    decideApproval({ requestId, decision: action.action_id === APPROVE_ACTION ? "approve" : "deny", approver: { adminId: admin.id, email: admin.email, slackUserId }, via: "slack" }),
  );
  if (result.kind !== "decided") await refuse(result.kind, { slackUserId, adminId: admin.id, adminEmail: admin.email }, requestId);
  const text = explain(result);
  return {
    ...ACK,
    followUp: async () => {
      if (text) await ephemeral(responseUrl, text);
      if (result.kind !== "not_found" && result.kind !== "not_authorized") {
        await runAs(SYSTEM, () => updateApprovalMessages({ requestIds: [requestId] }));
      }
    },
  };
}

/**
 * Handles one POST from Slack's interactivity: verifies the v0 signature over the raw body before
 * reading it (401 with no detail on failure), then applies an Approve/Deny click as the linked
 * approver. The answer is the quick ack; Slack-facing work is returned as `followUp`.
 */
export async function handleSlackInteraction(req: InteractionRequest): Promise<InteractionAnswer> {
  const config = await loadSlackConfig();
  if (!config) {
    log("refused: Slack is not configured");
    return { status: 401, body: "" };
  }
  const check = verifySlackSignature({ signingSecret: config.signingSecret, timestamp: req.timestamp, signature: req.signature, rawBody: req.rawBody, nowMs: req.nowMs });
  if (!check.ok) {
    log(`refused: ${check.reason}`);
    return { status: 401, body: "" };
  }
  const interaction = parseInteraction(req.rawBody);
  if (!interaction) {
    log("refused: malformed payload");
    return { status: 400, body: "" };
  }
  if (interaction.kind === "other") {
    log(`ignored ${interaction.type} interaction`);
    return ACK;
  }
  return handleClick(interaction.payload, config.teamId);
}
