import "server-only";
import { WebAPIPlatformError, type WebClient } from "@slack/web-api";
import { requirePermission } from "@/lib/authz";
import { writeAudit } from "@/lib/audit";
import { decryptSecret, encryptSecret, secretHint } from "@/lib/crypto";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { slackSettingsSchema } from "@/lib/schemas/slack";
import { slackClient } from "./web-client";
import { describeSlackError } from "./slack-errors";

const KEY = "slack";

/** What the Setting row "slack" holds (JSON); secrets only encrypted. */
type StoredSlack = {
  botTokenEnc: string;
  signingSecretEnc: string;
  botTokenHint: string;
  signingSecretHint: string;
  defaultChannel: string;
  teamId: string;
  teamName: string;
  botUserId: string;
  verifiedAt: string;
};

/** Settings > Slack as the page shows it: no secret, only "ends in …". */
export type SlackSettingsView = {
  configured: boolean;
  botTokenHint: string | null;
  signingSecretHint: string | null;
  defaultChannel: string;
  teamName: string | null;
  teamId: string | null;
  verifiedAt: string | null;
  updatedBy: string | null;
};

/** The decrypted configuration, for the poster and the interactivity route only; never to a page. */
export type SlackConfig = { botToken: string; signingSecret: string; defaultChannel: string; teamId: string };

async function readStored(): Promise<{ stored: StoredSlack; updatedBy: string | null } | null> {
  const row = await db.setting.findUnique({ where: { key: KEY } });
  if (!row) return null;
  return { stored: JSON.parse(row.value) as StoredSlack, updatedBy: row.updatedBy };
}

/** Settings > Slack, without secrets. */
export async function getSlackSettings(): Promise<SlackSettingsView> {
  await requirePermission("admins:read");
  const current = await readStored();
  if (!current) {
    return { configured: false, botTokenHint: null, signingSecretHint: null, defaultChannel: "", teamName: null, teamId: null, verifiedAt: null, updatedBy: null };
  }
  const { stored, updatedBy } = current;
  return {
    configured: true,
    botTokenHint: stored.botTokenHint,
    signingSecretHint: stored.signingSecretHint,
    defaultChannel: stored.defaultChannel,
    teamName: stored.teamName,
    teamId: stored.teamId,
    verifiedAt: stored.verifiedAt,
    updatedBy,
  };
}

/**
 * The decrypted Slack configuration, or null when Slack is not set up. Internal: the approval poster
 * and the signed interactivity route (which has no session) read it; nothing returns it to a page.
 */
export async function loadSlackConfig(): Promise<SlackConfig | null> {
  const current = await readStored();
  if (!current) return null;
  const { stored } = current;
  return {
    botToken: decryptSecret<string>(stored.botTokenEnc),
    signingSecret: decryptSecret<string>(stored.signingSecretEnc),
    defaultChannel: stored.defaultChannel,
    teamId: stored.teamId,
  };
}

/** A WebClient for the stored bot token that throws on 429 instead of sleeping (callers reschedule). */
export function approvalsClient(botToken: string): WebClient {
  return slackClient(botToken, { rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, timeout: 10_000 });
}

/**
 * Saves the bot token, signing secret and default channel after auth.test accepts the token; on
 * failure nothing is saved. Blank secret fields keep the stored ones. Audited without secrets.
 */
export async function saveSlackSettings(raw: unknown): Promise<SlackSettingsView> {
  const actor = await requirePermission("settings:write");
  const input = slackSettingsSchema.parse(raw);
  const current = await readStored();
  const botToken = input.botToken ?? (current ? decryptSecret<string>(current.stored.botTokenEnc) : undefined);
  const signingSecret = input.signingSecret ?? (current ? decryptSecret<string>(current.stored.signingSecretEnc) : undefined);
  if (!botToken) throw new DomainError("Enter the bot token.", { botToken: ["Bot token is required."] });
  if (!signingSecret) throw new DomainError("Enter the signing secret.", { signingSecret: ["Signing secret is required."] });

  let identity: { teamId: string; teamName: string; botUserId: string };
  try {
    const reply = await approvalsClient(botToken).auth.test();
    identity = { teamId: String(reply.team_id ?? ""), teamName: String(reply.team ?? ""), botUserId: String(reply.user_id ?? "") };
  } catch (error) {
    const rejected = error instanceof WebAPIPlatformError;
    throw new DomainError(
      `Slack did not accept the bot token: ${describeSlackError(error)}. Nothing was saved.`,
      rejected ? { botToken: ["Slack refused this token. Copy the Bot User OAuth Token again (it starts with xoxb-)."] } : {},
    );
  }

  const next: StoredSlack = {
    botTokenEnc: encryptSecret(botToken),
    signingSecretEnc: encryptSecret(signingSecret),
    botTokenHint: secretHint(botToken),
    signingSecretHint: secretHint(signingSecret),
    defaultChannel: input.defaultChannel,
    ...identity,
    verifiedAt: new Date().toISOString(),
  };
  const visible = (s: StoredSlack | undefined) =>
    s && { defaultChannel: s.defaultChannel, teamId: s.teamId, teamName: s.teamName, botToken: s.botTokenHint, signingSecret: s.signingSecretHint };
  await db.$transaction(async (tx) => {
    const value = JSON.stringify(next);
    await tx.setting.upsert({ where: { key: KEY }, create: { key: KEY, value, updatedBy: actor.email }, update: { value, updatedBy: actor.email } });
    await writeAudit(tx, actor, {
      action: current ? "settings.slack.update" : "settings.slack.configure",
      targetType: "setting",
      targetId: KEY,
      targetLabel: "Slack",
      before: visible(current?.stored) ?? null,
      after: { ...visible(next), tokenChanged: input.botToken !== undefined, signingSecretChanged: input.signingSecret !== undefined },
    });
    // Requests that could not be posted (Slack was off or refused) are posted now that it works.
    await tx.approvalRequest.updateMany({
      where: { status: "pending", postState: { in: ["not_configured", "failed"] } },
      data: { postState: "pending", nextPostAt: null, postError: null },
    });
  });
  return getSlackSettings();
}
