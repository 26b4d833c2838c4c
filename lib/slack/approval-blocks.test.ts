import { describe, expect, it } from "vitest";
import { approvalMessage, escapeMrkdwn, type ApprovalMessageInput } from "./approval-blocks";

const base: ApprovalMessageInput = {
  id: "req_1",
  summary: "Create the account of ada in Slack",
  appName: "Slack",
  operation: "create",
  subjectCount: 1,
  detail: JSON.stringify({
    users: [{ id: "u1", userName: "ada", email: "ada@example.test", displayName: "Ada Lovelace", operation: "create" }],
    groups: [],
    counts: { create: 1 },
    more: 0,
    changes: [{ path: "title", from: null, to: "Engineer" }],
  }),
  requestedBy: "admin@example.test",
  createdAt: new Date("2026-11-22T10:00:00Z"),
  expiresAt: new Date("2026-11-25T10:00:00Z"),
  requiredApprovals: 1,
  status: "pending",
  decidedBy: null,
  decidedAt: null,
  decisions: [],
};

const text = (m: ReturnType<typeof approvalMessage>) => JSON.stringify(m.blocks);
const actions = (m: ReturnType<typeof approvalMessage>) => m.blocks.filter((b) => b.type === "actions");

describe("the approval message", () => {
  it("shows what, who, who asked, when and until when, with Approve and a confirmed Deny", () => {
    const m = approvalMessage(base);
    expect(m.text).toBe("Approval needed: Create the account of ada in Slack");
    for (const fact of ["Create the account of ada in Slack", "*App*\\nSlack", "ada", "Ada Lovelace", "admin@example.test", "`title`: (empty) → Engineer", "<!date^1795600800^"]) {
      expect(text(m)).toContain(fact);
    }
    expect(actions(m)).toEqual([
      expect.objectContaining({
        block_id: "decide",
        elements: [
          expect.objectContaining({ action_id: "approval_approve", value: "req_1", style: "primary" }),
          expect.objectContaining({ action_id: "approval_deny", value: "req_1", style: "danger", confirm: expect.objectContaining({ title: { type: "plain_text", text: "Deny this change?" } }) }),
        ],
      }),
    ]);
    expect(m.blocks.length).toBeLessThanOrEqual(50);
  });

  it("escapes user-typed text so it cannot mention @channel or forge links", () => {
    expect(escapeMrkdwn("<!channel> & <https://evil|click>")).toBe("&lt;!channel&gt; &amp; &lt;https://evil|click&gt;");
    const m = approvalMessage({ ...base, summary: "Create <!channel>", requestedBy: "<@U1>" });
    expect(text(m)).not.toContain("<!channel>");
    expect(text(m)).not.toContain("<@U1>");
  });

  it("a big change lists ten users and says how many more", () => {
    const users = Array.from({ length: 50 }, (_, i) => ({ id: `u${i}`, userName: `user${i}`, email: "", displayName: "", operation: "create" }));
    const m = approvalMessage({ ...base, subjectCount: 120, detail: JSON.stringify({ users, groups: [], counts: { create: 120 }, more: 70, changes: [] }) });
    expect(text(m)).toContain("user9");
    expect(text(m)).not.toContain("user10*");
    expect(text(m)).toContain("…and 110 more");
    expect(text(m)).toContain("create (120 affected)");
  });

  it.each([
    ["approved", "*Approved* by <@U42>", "Approved: "],
    ["denied", "*Denied* by <@U42>", "Denied: "],
    ["expired", "*Expired*", "Expired: "],
  ])("once %s the buttons are gone and the outcome says who and when", (status, outcome, prefix) => {
    const decidedAt = new Date("2026-11-22T11:00:00Z");
    const m = approvalMessage({
      ...base,
      status,
      decidedBy: status === "expired" ? null : "pam@example.test",
      decidedAt,
      decisions: status === "expired" ? [] : [{ approverEmail: "pam@example.test", slackUserId: "U42", decision: status === "approved" ? "approve" : "deny", at: decidedAt }],
    });
    expect(actions(m)).toEqual([]);
    expect(text(m)).toContain(outcome);
    expect(text(m)).toContain("<!date^1795345200^");
    expect(m.text.startsWith(prefix)).toBe(true);
  });

  it("a console approver without Slack is named by email", () => {
    const m = approvalMessage({ ...base, status: "approved", decidedBy: "pam@example.test", decidedAt: new Date(), decisions: [{ approverEmail: "pam@example.test", slackUserId: null, decision: "approve", at: new Date() }] });
    expect(text(m)).toContain("*Approved* by pam@example.test");
  });

  it("with one of two approvals the buttons stay and the message says who approved so far", () => {
    const m = approvalMessage({ ...base, requiredApprovals: 2, decisions: [{ approverEmail: "pam@example.test", slackUserId: "U42", decision: "approve", at: new Date() }] });
    expect(actions(m)).toHaveLength(1);
    expect(text(m)).toContain("Approved so far by <@U42> (1 of 2)");
  });
});
