import { z } from "zod";
import { ROLES } from "@/lib/permissions";
import { emailField, requiredLine } from "./common";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

export const EMAIL_TAKEN = "An operator with this email already exists.";
export const LAST_ADMIN = "At least one active admin must remain.";

/** A role picked in a form. */
export const roleField = z.enum(ROLES, { error: "Choose a role." });

/**
 * A password someone types for an operator: 12 to 256 characters, kept exactly as typed. Whether it
 * is too easy to guess is decided in lib (assertStrongPassword), which knows the operator's name and
 * email and keeps zxcvbn's dictionaries out of the browser's bundle.
 */
export const passwordField = z
  .string({ error: "Enter a password or choose to generate one." })
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters.`);

/** Slack's member id (U0123ABCD, or W… on Enterprise Grid); optional, empty means none. */
export const slackUserIdField = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim().toUpperCase()) : v),
  z
    .string()
    .max(32, "Slack user id must be at most 32 characters.")
    .regex(SLACK_USER_ID, "Slack user id looks like U0123ABCD (open the person's Slack profile, then Copy member ID).")
    .optional(),
);

const passwordChoice = {
  /** "generate": the server makes one and shows it once; "type": the admin typed `password`. */
  passwordMode: z.enum(["generate", "type"], { error: "Choose how to set the password." }).default("generate"),
  password: z.string().max(4096).optional(),
};

type PasswordChoice = { passwordMode: "generate" | "type"; password?: string };

// The typed password is only checked when the admin chose to type one.
function checkTypedPassword(value: PasswordChoice, ctx: z.RefinementCtx) {
  if (value.passwordMode !== "type") return;
  const result = passwordField.safeParse(value.password ?? "");
  if (!result.success) {
    for (const issue of result.error.issues) ctx.addIssue({ code: "custom", path: ["password"], message: issue.message });
  }
}

/** The Add admin form. */
export const adminCreateSchema = z
  .object({
    name: requiredLine("Name", 128),
    email: emailField,
    role: roleField,
    slackUserId: slackUserIdField,
    ...passwordChoice,
  })
  .superRefine(checkTypedPassword);

export type AdminCreateInput = z.infer<typeof adminCreateSchema>;
export type AdminCreateInputRaw = z.input<typeof adminCreateSchema>;

/** The Change role dialog. */
export const adminRoleSchema = z.object({ role: roleField });

/** The Reset password dialog. */
export const adminPasswordResetSchema = z.object(passwordChoice).superRefine(checkTypedPassword);

export type AdminPasswordResetInput = z.infer<typeof adminPasswordResetSchema>;
export type AdminPasswordResetInputRaw = z.input<typeof adminPasswordResetSchema>;

export const ADMIN_SORT_KEYS = ["name", "email", "role", "lastSignInAt"] as const;
export type AdminSortKey = (typeof ADMIN_SORT_KEYS)[number];
