import { createOperator, expect, fillScimApp, type Operator, scimStandInForFile, seedGroup, seedUser, test, testDb, unique } from "./fixtures";
import { SLACK_STANDIN_ORIGIN } from "../playwright.config";
import { slackStandInControl } from "../test/slack-standin";
import type { StandInMessage } from "../test/slack-standin/chat";
import { sendClick, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../test/slack-click";
import type { Page } from "@playwright/test";

// Slack here is the stand-in process beside the console (SLACK_API_URL points at it); clicks are
// signed block_actions POSTs to the console, exactly as Slack sends them.
const slack = slackStandInControl(SLACK_STANDIN_ORIGIN);
const { scim, remoteUser } = scimStandInForFile();

const messageFor = async (requestId: string) => ((await slack.state()).messages as StandInMessage[] | undefined)?.find((m) => JSON.stringify(m.blocks).includes(requestId));
const buttons = (m: StandInMessage | undefined) => (m?.blocks ?? []).filter((b) => (b as { type: string }).type === "actions").flatMap((b) => (b as { elements: { action_id: string; value: string; confirm?: unknown }[] }).elements);

async function configureSlack(page: Page) {
  await page.goto("/settings/slack");
  await expect(page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Slack" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByLabel("Request URL")).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/api\/slack\/interactivity$/);
  const form = page.getByRole("form", { name: "Slack connection" });
  // A token Slack refuses is not saved; the form says why and marks the field.
  const revoked = `xoxb-${unique("revoked")}`;
  await slack.setState({ revokedTokens: [revoked] });
  await form.getByLabel("Bot token").fill(revoked);
  await form.getByLabel("Signing secret").fill(TEST_SIGNING_SECRET);
  await form.getByLabel("Default approvals channel").fill("#approvals");
  await form.getByRole("button", { name: "Save and verify" }).click();
  await expect(form.getByText(/Slack did not accept the bot token: token_revoked/)).toBeVisible();
  await expect(form.getByLabel("Bot token")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Default approvals channel")).toHaveValue("#approvals");

  await form.getByLabel("Bot token").fill(TEST_BOT_TOKEN);
  await form.getByLabel("Signing secret").fill(TEST_SIGNING_SECRET);
  await form.getByRole("button", { name: "Save and verify" }).click();
  await expect(page.getByText("Slack settings saved; the bot token was verified with Slack.")).toBeVisible();
  await expect(page.getByTestId("slack-status")).toContainText("Connected to Stand-in workspace");
  await expect(page.getByText(`Stored, ends in …${TEST_BOT_TOKEN.slice(-4)}. Leave blank to keep it.`)).toBeVisible();
  await expect(page.locator("body")).not.toContainText(TEST_BOT_TOKEN);
  await expect(page.locator("body")).not.toContainText(TEST_SIGNING_SECRET);
}

async function linkByEmail(page: Page, approver: Operator, slackUserId: string) {
  await slack.setState({ slackUsers: [{ id: slackUserId, email: approver.email }] });
  await page.goto(`/settings/slack?q=${encodeURIComponent(approver.email)}`);
  const row = page.getByRole("table", { name: "Approvers" }).getByRole("row", { name: new RegExp(approver.email) });
  await expect(row).toContainText("Not linked");
  await row.getByRole("button", { name: `Link ${approver.email} by email` }).click();
  await expect(page.getByText(`${approver.email} is linked to Slack user ${slackUserId}.`)).toBeVisible();
  await expect(row).toContainText(slackUserId);
}

async function addMember(page: Page, group: { id: string; name: string }, userName: string) {
  await page.goto(`/groups/${group.id}`);
  await page.getByRole("button", { name: "Add members" }).click();
  const addDialog = page.getByRole("dialog", { name: `Add members to ${group.name}` });
  await addDialog.getByLabel("Search users to add").fill(userName);
  await addDialog.getByRole("checkbox", { name: new RegExp(`\\(${userName.replace(/\./g, "\\.")}\\)`) }).check();
  await addDialog.getByRole("button", { name: "Add selected (1)" }).click();
  await expect(page.getByText(`Added 1 member to ${group.name}.`)).toBeVisible();
}

test("admin configures Slack and an approval rule; the request is posted to Slack; a forged click is refused; a signed Approve creates the account and a Deny creates nothing", async ({
  page,
  loginAs,
  baseURL,
}) => {
  const admin = await loginAs("admin");
  const tag = unique("slk").toLowerCase();
  const appName = `Slack approvals ${tag}`;
  await configureSlack(page);
  const approver = await createOperator("approver");
  const slackUserId = `U${tag.toUpperCase().replace(/[^A-Z0-9]/g, "")}`.slice(0, 16);
  await linkByEmail(page, approver, slackUserId);

  // An app granted to a group, with a rule: creating accounts needs approval (default channel).
  const group = await seedGroup(`Group ${tag}`);
  await page.goto("/apps/new");
  await fillScimApp(page, { name: appName, baseUrl: scim().baseUrl, token: scim().token });
  await expect(page.getByRole("heading", { name: appName, level: 1 })).toBeVisible();
  const app = await testDb().app.findFirstOrThrow({ where: { name: appName } });
  await testDb().policy.create({ data: { name: `Policy ${tag}`, nameKey: `policy ${tag}`, appId: app.id, groups: { create: [{ groupId: group.id }] } } });
  // The rule form itself is covered by approvals-console.spec.ts; here the rule is arranged directly.
  await testDb().approvalRule.create({ data: { appId: app.id, operations: JSON.stringify(["create"]) } });

  // A new member: the job waits and the request is posted to the default channel with its buttons.
  const ada = await seedUser({ userName: `${tag}.ada`, firstName: "Ada" });
  await addMember(page, group, ada.userName);
  // The request is written in the same transaction as the membership.
  const request = await testDb().approvalRequest.findFirstOrThrow({ where: { appId: app.id } });
  await expect.poll(async () => (await testDb().approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).postState, { timeout: 15_000 }).toBe("posted");
  const posted = await messageFor(request.id);
  expect(buttons(posted).map((b) => [b.action_id, b.value, Boolean(b.confirm)])).toEqual([
    ["approval_approve", request.id, false],
    ["approval_deny", request.id, true],
  ]);
  for (const fact of [request.summary, appName, ada.userName, admin.email]) expect(JSON.stringify(posted?.blocks)).toContain(fact);
  const postCall = (await slack.calls("chat.postMessage")).find((c) => String(c.args.blocks).includes(request.id));
  expect(postCall).toMatchObject({ token: TEST_BOT_TOKEN, args: { channel: "#approvals" } });
  expect((await testDb().provisioningJob.findFirstOrThrow({ where: { appId: app.id, subjectId: ada.id } })).status).toBe("pending_approval");

  // A forged click (wrong signing secret) is refused and changes nothing.
  const click = { requestId: request.id, slackUserId, channelId: posted?.channel, messageTs: posted?.ts, responseUrl: `${SLACK_STANDIN_ORIGIN}/actions/response?tag=${tag}` };
  expect(await sendClick(baseURL ?? "", { ...click, signingSecret: "0123456789abcdef0123456789abcdef" })).toEqual({ status: 401, body: "" });
  const afterForgery = await testDb().approvalRequest.findUniqueOrThrow({ where: { id: request.id }, include: { decisions: true } });
  expect([afterForgery.status, afterForgery.decisions.length]).toEqual(["pending", 0]);

  // The linked approver's signed Approve: the account is created and the message shows who approved.
  expect(await sendClick(baseURL ?? "", click)).toEqual({ status: 200, body: "" });
  await expect.poll(() => remoteUser(ada.userName)?.active, { timeout: 20_000 }).toBe(true);
  await expect.poll(async () => JSON.stringify((await messageFor(request.id))?.blocks), { timeout: 15_000 }).toContain(`*Approved* by <@${slackUserId}>`);
  expect(buttons(await messageFor(request.id))).toEqual([]);

  // A second new member, denied in Slack: nothing reaches the app.
  const bo = await seedUser({ userName: `${tag}.bo`, firstName: "Bo" });
  await addMember(page, group, bo.userName);
  const second = await testDb().approvalRequest.findFirstOrThrow({ where: { appId: app.id, NOT: { id: request.id } } });
  await expect.poll(async () => (await testDb().approvalRequest.findUniqueOrThrow({ where: { id: second.id } })).postState, { timeout: 15_000 }).toBe("posted");
  expect(await sendClick(baseURL ?? "", { ...click, requestId: second.id, actionId: "approval_deny" })).toEqual({ status: 200, body: "" });
  await expect.poll(async () => (await testDb().provisioningJob.findFirstOrThrow({ where: { appId: app.id, subjectId: bo.id } })).status).toBe("cancelled");
  await expect.poll(async () => JSON.stringify((await messageFor(second.id))?.blocks), { timeout: 15_000 }).toContain(`*Denied* by <@${slackUserId}>`);
  expect(remoteUser(bo.userName)).toBeUndefined();

  // The console's Approvals history names the Slack approver for both.
  await page.goto("/approvals?status=denied");
  await expect(page.getByRole("table", { name: "Approval requests" }).getByRole("row", { name: new RegExp(second.summary) })).toContainText(`by ${approver.email}`);
});
