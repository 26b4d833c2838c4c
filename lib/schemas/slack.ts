import { z } from "zod";
import { idField } from "./common";
import { slackUserIdField } from "./admin";

/** A channel name (#approvals, approvals) or id (C0123ABCD, G… for private channels). */
export const slackChannelField = z
  .string({ error: "Default approvals channel is required." })
  .trim()
  .min(1, "Default approvals channel is required.")
  .max(81, "Channel must be at most 80 characters.")
  .refine(
    (v) => /^[CG][A-Z0-9]{6,}$/.test(v) || /^#?[a-z0-9][a-z0-9._-]{0,79}$/.test(v),
    "Enter a channel name like #approvals (lower case, no spaces) or a channel id like C0123ABCD.",
  );

// Empty means "keep the stored one": the page never shows the secrets, so an admin changing only the
// channel leaves both secret fields blank.
const keepIfEmpty = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);

/** Settings > Slack form. */
export const slackSettingsSchema = z.object({
  botToken: z.preprocess(
    keepIfEmpty,
    z
      .string()
      .max(512, "Bot token must be at most 512 characters.")
      .regex(/^xoxb-[A-Za-z0-9-]+$/, "Paste the Bot User OAuth Token from your Slack app's OAuth & Permissions page; it starts with xoxb-.")
      .optional(),
  ),
  signingSecret: z.preprocess(
    keepIfEmpty,
    z
      .string()
      .regex(/^[A-Za-z0-9]{16,128}$/, "Paste the Signing Secret from your Slack app's Basic Information page (letters and digits only).")
      .optional(),
  ),
  defaultChannel: slackChannelField,
});
export type SlackSettingsInput = z.infer<typeof slackSettingsSchema>;

/** Manual approver link: an admin id and a Slack member id (empty removes the link). */
export const approverLinkSchema = z.object({ adminId: idField, slackUserId: slackUserIdField });

export const APPROVER_SORT_KEYS = ["name", "email", "role", "slackUserId"] as const;
export type ApproverSortKey = (typeof APPROVER_SORT_KEYS)[number];
