import { z } from "zod";

export const RETENTION_DEFAULT_DAYS = 400;
export const RETENTION_MIN_DAYS = 7;
export const RETENTION_MAX_DAYS = 3650;

/** "Keep provisioning events N days": a whole number from 7 to 3650. */
export const retentionSchema = z.object({
  days: z.coerce
    .number({ error: "Enter a number of days." })
    .refine((n) => Number.isFinite(n), "Enter a number of days.")
    .int("Enter a whole number of days.")
    .min(RETENTION_MIN_DAYS, `Keep events at least ${RETENTION_MIN_DAYS} days.`)
    .max(RETENTION_MAX_DAYS, `Keep events at most ${RETENTION_MAX_DAYS} days (10 years).`),
});

export type RetentionInput = z.infer<typeof retentionSchema>;
