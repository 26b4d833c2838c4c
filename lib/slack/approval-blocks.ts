// The Slack message of an approval request: what will happen, to whom, who asked, until when, and
// Approve / Deny buttons; after a decision the same facts with the outcome and no buttons. Pure.
import type { KnownBlock } from "@slack/web-api";
import { parseDetail, type DetailChange } from "@/lib/approvals/detail";

export const APPROVE_ACTION = "approval_approve";
export const DENY_ACTION = "approval_deny";
export const DECIDE_BLOCK = "decide";

/** What the message needs to know about a request and its decisions so far. */
export type ApprovalMessageInput = {
  id: string;
  summary: string;
  appName: string;
  operation: string;
  subjectCount: number;
  detail: string;
  requestedBy: string;
  createdAt: Date;
  expiresAt: Date;
  requiredApprovals: number;
  status: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisions: { approverEmail: string; slackUserId: string | null; decision: string; at: Date }[];
};

const LIST_LINES = 10;

/** Slack mrkdwn treats &, < and > as control characters; user-typed text must not inject mentions or links. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A date Slack shows in each reader's own time zone, with a UTC fallback. */
function slackDate(at: Date): string {
  const fallback = `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} at {time}|${fallback}>`;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return escapeMrkdwn(text.length > 80 ? `${text.slice(0, 77)}…` : text);
}

function changeLines(changes: DetailChange[]): string[] {
  return changes.slice(0, LIST_LINES).map((c) => `• \`${escapeMrkdwn(c.path)}\`: ${show(c.from)} → ${show(c.to)}`);
}

function who(email: string | null, decisions: ApprovalMessageInput["decisions"]): string {
  if (!email) return "nobody";
  const slackUserId = decisions.find((d) => d.approverEmail === email)?.slackUserId;
  return slackUserId ? `<@${slackUserId}>` : escapeMrkdwn(email);
}

function section(text: string): KnownBlock {
  // A section's text is at most 3,000 characters.
  return { type: "section", text: { type: "mrkdwn", text: text.length > 2_900 ? `${text.slice(0, 2_899)}…` : text } };
}

function factBlocks(r: ApprovalMessageInput): KnownBlock[] {
  const detail = parseDetail(r.detail);
  const blocks: KnownBlock[] = [
    section(`*Approval needed:* ${escapeMrkdwn(r.summary)}`),
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: `*App*\n${escapeMrkdwn(r.appName)}` },
        { type: "mrkdwn", text: `*Action*\n${escapeMrkdwn(r.operation)} (${r.subjectCount.toLocaleString("en-US")} affected)` },
        { type: "mrkdwn", text: `*Requested by*\n${escapeMrkdwn(r.requestedBy)}` },
        { type: "mrkdwn", text: `*Requested*\n${slackDate(r.createdAt)}` },
        { type: "mrkdwn", text: `*Expires*\n${slackDate(r.expiresAt)}` },
        { type: "mrkdwn", text: `*Approvals needed*\n${r.requiredApprovals}` },
      ],
    },
  ];
  const userLines = detail.users.slice(0, LIST_LINES).map((u) => {
    const name = u.displayName && u.displayName !== u.userName ? ` (${escapeMrkdwn(u.displayName)})` : "";
    const email = u.email && u.email !== u.userName ? ` ${escapeMrkdwn(u.email)}` : "";
    return `• ${escapeMrkdwn(u.operation)} *${escapeMrkdwn(u.userName)}*${name}${email}`;
  });
  const groupLines = detail.groups.slice(0, LIST_LINES).map((g) => `• ${escapeMrkdwn(g.operation)} group *${escapeMrkdwn(g.name)}*`);
  const hidden = detail.users.length + detail.groups.length - userLines.length - groupLines.length + detail.more;
  const subjects = [...userLines, ...groupLines];
  if (subjects.length > 0) blocks.push(section(`*Who*\n${subjects.join("\n")}${hidden > 0 ? `\n…and ${hidden.toLocaleString("en-US")} more` : ""}`));
  const changes = detail.changes.length > 0 ? detail.changes : detail.users.length === 1 ? (detail.users[0].changes ?? []) : [];
  if (changes.length > 0) {
    const more = changes.length > LIST_LINES ? `\n…and ${changes.length - LIST_LINES} more` : "";
    blocks.push(section(`*Attribute changes*\n${changeLines(changes).join("\n")}${more}`));
  }
  return blocks;
}

function buttons(id: string): KnownBlock {
  return {
    type: "actions",
    block_id: DECIDE_BLOCK,
    elements: [
      { type: "button", action_id: APPROVE_ACTION, value: id, style: "primary", text: { type: "plain_text", text: "Approve" } },
      {
        type: "button",
        action_id: DENY_ACTION,
        value: id,
        style: "danger",
        text: { type: "plain_text", text: "Deny" },
        confirm: {
          title: { type: "plain_text", text: "Deny this change?" },
          text: { type: "plain_text", text: "The waiting provisioning jobs are cancelled and nothing reaches the app." },
          confirm: { type: "plain_text", text: "Deny" },
          deny: { type: "plain_text", text: "Back" },
        },
      },
    ],
  };
}

function outcome(r: ApprovalMessageInput): string | null {
  const at = r.decidedAt ? ` on ${slackDate(r.decidedAt)}` : "";
  switch (r.status) {
    case "approved":
      return `:white_check_mark: *Approved* by ${who(r.decidedBy, r.decisions)}${at}. The change is being provisioned.`;
    case "denied":
      return `:no_entry: *Denied* by ${who(r.decidedBy, r.decisions)}${at}. Nothing was changed.`;
    case "expired":
      return `:hourglass: *Expired*${at} before anyone decided. Nothing was changed.`;
    case "cancelled":
      return `*Cancelled*${at}. Nothing was changed.`;
    default:
      return null;
  }
}

/** The message text (notification fallback) and blocks for the request's current state. */
export function approvalMessage(r: ApprovalMessageInput): { text: string; blocks: KnownBlock[] } {
  const blocks = factBlocks(r);
  const final = outcome(r);
  if (final) {
    blocks.push(section(final));
  } else {
    const approvals = r.decisions.filter((d) => d.decision === "approve");
    if (approvals.length > 0) {
      const names = approvals.map((d) => who(d.approverEmail, r.decisions)).join(", ");
      blocks.push(section(`Approved so far by ${names} (${approvals.length} of ${r.requiredApprovals}); waiting for another approver.`));
    }
    blocks.push(buttons(r.id));
  }
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `Request ${r.id} · also in the console under Approvals` }] });
  const prefix = final ? `${r.status[0].toUpperCase()}${r.status.slice(1)}: ` : "Approval needed: ";
  return { text: `${prefix}${r.summary}`, blocks };
}
