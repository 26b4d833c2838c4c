import { z } from "zod";

// Control characters (tabs and newlines included) never belong in single-line directory fields.
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F]/;

/** A trimmed single-line string with a max length and no control characters. */
export function line(label: string, max: number) {
  return z
    .string({ error: `${label} is required.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .refine((v) => !CONTROL_CHARS.test(v), `${label} must not contain control characters.`);
}

/** Like `line`, but required (at least one character after trimming). */
export function requiredLine(label: string, max: number) {
  return line(label, max).refine((v) => v.length > 0, `${label} is required.`);
}

/** An optional single-line string: empty becomes undefined. */
export function optionalLine(label: string, max: number) {
  return z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), line(label, max).optional());
}

/** An email address, lower-cased. */
export const emailField = z
  .string({ error: "Email is required." })
  .trim()
  .min(1, "Email is required.")
  .max(254, "Email must be at most 254 characters.")
  .pipe(z.email("Enter a valid email address, like name@example.com."))
  .transform((v) => v.toLowerCase());

/** A database id as it arrives from a form or URL. */
export const idField = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "Invalid id.");
