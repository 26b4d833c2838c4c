// Inputs of the mass-change brake, reconciliation settings and conflict resolution (forms and actions).
import { z } from "zod";

function intField(label: string, min: number, max: number) {
  return z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: `${label} is required.` })
      .int(`${label} must be a whole number.`)
      .min(min, `${label} must be at least ${min}.`)
      .max(max, `${label} must be at most ${max.toLocaleString("en-US")}.`),
  );
}

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/** Brake and scheduled reconciliation settings of one app. */
export const syncSettingsSchema = z.object({
  brakeEnabled: checkbox,
  brakePercent: intField("Percent of accounts", 1, 100),
  brakeMinimum: intField("Minimum number of accounts", 1, 1_000_000),
  reconcileIntervalHours: intField("Reconciliation interval", 0, 720),
  adoptAttributes: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
});
export type SyncSettingsInput = z.input<typeof syncSettingsSchema>;
export type SyncSettings = z.output<typeof syncSettingsSchema>;

export const CONFLICT_RESOLUTIONS = ["link", "create", "skip"] as const;
export type ConflictResolution = (typeof CONFLICT_RESOLUTIONS)[number];

/** How an admin resolves one sync conflict: link to a candidate, create a new account, or skip. */
export const conflictResolutionSchema = z
  .object({
    resolution: z.enum(CONFLICT_RESOLUTIONS, { error: "Choose Link, Create or Skip." }),
    candidateId: z.string().trim().max(200).optional(),
  })
  .refine((v) => v.resolution !== "link" || !!v.candidateId, { message: "Choose the account to link.", path: ["candidateId"] });
export type ConflictResolutionInput = z.input<typeof conflictResolutionSchema>;

export const CONFLICT_SORT_KEYS = ["createdAt", "userLabel", "status"] as const;
export type ConflictSortKey = (typeof CONFLICT_SORT_KEYS)[number];
