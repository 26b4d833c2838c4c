import { z } from "zod";

export const TOTP_CODE_MESSAGE = "Enter the 6-digit code from your authenticator app.";
export const OWN_CODE_MESSAGE = "Enter the 6-digit code from your authenticator app, or a recovery code (xxxxx-xxxxx).";

/** A 6-digit TOTP code as typed: spaces are ignored ("123 456"). */
export const totpCodeSchema = z.object({
  code: z
    .string({ error: TOTP_CODE_MESSAGE })
    .transform((v) => v.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, TOTP_CODE_MESSAGE)),
});

/** A TOTP code or a recovery code: what proves the operator still holds their factor. */
export const ownCodeSchema = z.object({
  code: z
    .string({ error: OWN_CODE_MESSAGE })
    .trim()
    .min(1, OWN_CODE_MESSAGE)
    .max(40, OWN_CODE_MESSAGE),
});

export const SECOND_FACTOR_REQUIREMENT_MESSAGE = "Choose who must use a second factor.";

/** Settings > Sign-in: who must use a second factor. */
export const secondFactorRequirementSchema = z.object({
  requirement: z.enum(["admins", "everyone", "nobody"], { error: SECOND_FACTOR_REQUIREMENT_MESSAGE }),
});
