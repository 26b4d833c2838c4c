// Arranging Slack approvals in tests: the Slack stand-in as SLACK_API_URL, the console configured
// with the test bot token and signing secret, and a change waiting for approval.
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { seedRule } from "@/lib/approvals/test-support";
import { seedApp, seedGroup, seedPolicy } from "@/lib/provisioning/test-support";
import { insertUser, makeAdmin, unique } from "@/test/factories";
import type { ScimStandIn } from "@/test/scim-standin";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "@/test/slack-click";
import type { StandInMessage, StandInResponse } from "@/test/slack-standin/chat";
import type { SlackStandIn } from "@/test/slack-standin";
import { saveSlackSettings } from "./settings";

/** Every test file saves the same values, so files running at once agree on the one Setting row. */
export const TEST_CHANNEL = "#approvals";

/** Saves the test Slack settings as `admin`. */
export function configureSlack(admin: Actor) {
  return runAs(admin, () => saveSlackSettings({ botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, defaultChannel: TEST_CHANNEL }));
}

/** An operator of `role` linked to a fresh Slack user id. */
export async function linkedOperator(role: "admin" | "approver" | "auditor"): Promise<Actor & { slackUserId: string }> {
  const actor = await makeAdmin(role);
  const slackUserId = `U${unique("").toUpperCase().replace(/[^A-Z0-9]/g, "")}`.slice(0, 20);
  await db.admin.update({ where: { id: actor.id }, data: { slackUserId } });
  return { ...actor, slackUserId };
}

/** Adds a user to a group granted to a fresh app whose creates need approval; returns the request. */
export async function pendingCreate(scim: ScimStandIn, admin: Actor, rule: { channel?: string; twoApproversForDelete?: boolean } = {}) {
  const app = await seedApp({ baseUrl: scim.baseUrl, token: scim.token });
  const group = await seedGroup();
  await seedPolicy(app.id, [group.id]);
  await seedRule(app.id, { operations: ["create"], ...rule });
  const user = await insertUser();
  await runAs(admin, () => addGroupMembers(group.id, [user.id]));
  const request = await db.approvalRequest.findFirstOrThrow({ where: { appId: app.id } });
  return { app, user, request };
}

/** The stand-in's messages and response_url posts. */
export function messagesOf(slack: SlackStandIn, requestId: string): StandInMessage[] {
  const all = (slack.state.messages ?? []) as StandInMessage[];
  return all.filter((m) => JSON.stringify(m.blocks).includes(requestId) || m.updates.some((u) => JSON.stringify(u.blocks).includes(requestId)));
}

/** What the console answered clicks with through response_url, for one click tag. */
export function responsesOf(slack: SlackStandIn, tag: string): StandInResponse[] {
  return ((slack.state.responses ?? []) as StandInResponse[]).filter((r) => r.query.includes(tag));
}

/** Ids of the actions blocks' buttons in a message. */
export function buttonsOf(blocks: unknown[]): { action_id: string; value: string; confirm?: unknown }[] {
  return blocks
    .filter((b): b is { type: string; elements: { action_id: string; value: string; confirm?: unknown }[] } => (b as { type: string }).type === "actions")
    .flatMap((b) => b.elements);
}
