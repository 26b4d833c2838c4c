import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError, ForbiddenError } from "@/lib/errors";
import { makeAdmin, unique } from "@/test/factories";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "@/test/slack-click";
import { startSlackStandIn, type SlackStandIn } from "@/test/slack-standin";
import { linkApproverByEmail, listApprovers, setApproverSlackUser } from "./approvers";
import { getSlackSettings, loadSlackConfig, saveSlackSettings } from "./settings";
import { configureSlack, TEST_CHANNEL } from "./test-support";

let slack: SlackStandIn;
let admin: Actor;
beforeAll(async () => {
  slack = await startSlackStandIn();
  process.env.SLACK_API_URL = slack.apiUrl;
  admin = await makeAdmin("admin");
  await configureSlack(admin);
});
afterAll(() => slack.close());

const asAdmin = <T>(fn: () => Promise<T>) => runAs(admin, fn);
const listParams = { page: 1, pageSize: 100, sort: "email" as const, dir: "asc" as const, q: "" };

describe("Settings > Slack", () => {
  it("stores the bot token and signing secret encrypted, shows only their last characters, and audits without secrets", async () => {
    const view = await asAdmin(() => getSlackSettings());
    expect(view).toMatchObject({ configured: true, botTokenHint: `ends in …${TEST_BOT_TOKEN.slice(-4)}`, signingSecretHint: `ends in …${TEST_SIGNING_SECRET.slice(-4)}`, defaultChannel: TEST_CHANNEL, teamId: "T0STANDIN" });
    expect(JSON.stringify(view)).not.toContain(TEST_BOT_TOKEN);
    const row = await db.setting.findUniqueOrThrow({ where: { key: "slack" } });
    expect(row.value).not.toContain(TEST_BOT_TOKEN);
    expect(row.value).not.toContain(TEST_SIGNING_SECRET);
    expect(await loadSlackConfig()).toMatchObject({ botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET });
    const audits = await db.auditLog.findMany({ where: { actorId: admin.id, targetType: "setting" } });
    expect(audits.length).toBeGreaterThan(0);
    for (const a of audits) expect(`${a.before}${a.after}`).not.toMatch(new RegExp(`${TEST_BOT_TOKEN}|${TEST_SIGNING_SECRET}`));
    expect(slack.calls.some((c) => c.method === "auth.test" && c.token === TEST_BOT_TOKEN)).toBe(true);
  });

  it("blank secret fields keep the stored ones", async () => {
    await asAdmin(() => saveSlackSettings({ botToken: "", signingSecret: " ", defaultChannel: TEST_CHANNEL }));
    expect(await loadSlackConfig()).toMatchObject({ botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, defaultChannel: TEST_CHANNEL });
  });

  it("a token Slack refuses is not saved and the error says what to do", async () => {
    const revoked = `xoxb-${unique("revoked")}`;
    slack.state.revokedTokens = [revoked];
    const before = await db.setting.findUniqueOrThrow({ where: { key: "slack" } });
    const error = await asAdmin(() => saveSlackSettings({ botToken: revoked, signingSecret: TEST_SIGNING_SECRET, defaultChannel: TEST_CHANNEL })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe("Slack did not accept the bot token: token_revoked (the token was revoked; reinstall the Slack app and paste the new token). Nothing was saved.");
    expect((error as DomainError).fieldErrors.botToken).toBeDefined();
    expect((error as DomainError).message).not.toContain(revoked);
    expect((await db.setting.findUniqueOrThrow({ where: { key: "slack" } })).value).toBe(before.value);
  });

  it("Slack unreachable on save: plain error, nothing saved", async () => {
    const saved = process.env.SLACK_API_URL;
    process.env.SLACK_API_URL = "http://127.0.0.1:9/api/";
    try {
      await expect(asAdmin(() => saveSlackSettings({ botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, defaultChannel: "#elsewhere" }))).rejects.toThrow(
        "Slack did not accept the bot token: Slack could not be reached (network error). Nothing was saved.",
      );
    } finally {
      process.env.SLACK_API_URL = saved;
    }
    expect((await loadSlackConfig())?.defaultChannel).toBe(TEST_CHANNEL);
  });

  it.each([
    [{ botToken: "xoxp-user-token", signingSecret: TEST_SIGNING_SECRET, defaultChannel: "#a" }, "botToken", "starts with xoxb-"],
    [{ botToken: TEST_BOT_TOKEN, signingSecret: "has spaces in it!", defaultChannel: "#a" }, "signingSecret", "letters and digits only"],
    [{ botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, defaultChannel: "" }, "defaultChannel", "Default approvals channel is required."],
    [{ botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, defaultChannel: "#Has Spaces" }, "defaultChannel", "channel name like #approvals"],
  ])("bad input %j is refused on the field %s", async (input, field, message) => {
    const error = await asAdmin(() => saveSlackSettings(input)).catch((e: unknown) => e);
    expect(JSON.stringify((error as { issues?: unknown }).issues)).toContain(field);
    expect(JSON.stringify((error as { issues?: unknown }).issues)).toContain(message);
  });

  it("approvers and auditors cannot read or change Slack settings", async () => {
    for (const role of ["approver", "auditor"] as const) {
      const actor = await makeAdmin(role);
      await expect(runAs(actor, () => getSlackSettings())).rejects.toBeInstanceOf(ForbiddenError);
      await expect(runAs(actor, () => saveSlackSettings({ botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, defaultChannel: "#x" }))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(runAs(actor, () => setApproverSlackUser({ adminId: actor.id, slackUserId: "U0SELF1234" }))).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe("linking approvers to Slack users", () => {
  it("finds the Slack user by the operator's email and audits the link", async () => {
    const approver = await makeAdmin("approver");
    const slackUserId = `U${Date.now().toString(36).toUpperCase()}`;
    slack.state.slackUsers = [...((slack.state.slackUsers as unknown[]) ?? []), { id: slackUserId, email: approver.email.toUpperCase() }];
    expect(await asAdmin(() => linkApproverByEmail(approver.id))).toMatchObject({ id: approver.id, slackUserId });
    expect(await db.auditLog.findFirst({ where: { action: "admin.slack.link", targetId: approver.id } })).toMatchObject({ actorId: admin.id });
    const page = await asAdmin(() => listApprovers({ ...listParams, q: approver.email }));
    expect(page.rows).toEqual([expect.objectContaining({ id: approver.id, slackUserId, role: "approver" })]);
  });

  it("an email Slack does not know says so and links nothing", async () => {
    const approver = await makeAdmin("approver");
    await expect(asAdmin(() => linkApproverByEmail(approver.id))).rejects.toThrow(`No Slack user has the email ${approver.email}. Enter their member id by hand`);
    expect((await db.admin.findUniqueOrThrow({ where: { id: approver.id } })).slackUserId).toBeNull();
  });

  it("sets, refuses a duplicate, and removes a member id by hand", async () => {
    const [a, b] = await Promise.all([makeAdmin("approver"), makeAdmin("admin")]);
    const id = `W${Date.now().toString(36).toUpperCase()}`;
    expect(await asAdmin(() => setApproverSlackUser({ adminId: a.id, slackUserId: id.toLowerCase() }))).toMatchObject({ slackUserId: id });
    await expect(asAdmin(() => setApproverSlackUser({ adminId: b.id, slackUserId: id }))).rejects.toThrow(`Slack user ${id} is already linked to ${a.email}.`);
    expect(await asAdmin(() => setApproverSlackUser({ adminId: a.id, slackUserId: "" }))).toMatchObject({ slackUserId: null });
    expect(await db.auditLog.count({ where: { targetId: a.id, action: { in: ["admin.slack.link", "admin.slack.unlink"] } } })).toBe(2);
    await expect(asAdmin(() => setApproverSlackUser({ adminId: a.id, slackUserId: "not an id" }))).rejects.toThrow("Slack user id looks like U0123ABCD");
  });

  it("lists only operators who may decide (admins and approvers), not auditors", async () => {
    const auditor = await makeAdmin("auditor");
    const page = await asAdmin(() => listApprovers({ ...listParams, q: auditor.email }));
    expect(page.total).toBe(0);
  });
});
