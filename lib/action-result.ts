import "server-only";
import { z } from "zod";
import { isDatabaseBusy } from "@/lib/db-busy";
import { DomainError, ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/errors";

/** What an operator reads when the database stayed busy (another process writing): the change rolled back. */
export const BUSY_MESSAGE = "The directory is busy; nothing was changed. Try again in a moment.";

export type FieldErrors = Record<string, string[] | undefined>;
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors?: FieldErrors; values?: Record<string, string> };

/** The form's fields as strings, to put back into the form after an error. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION") && !/password/i.test(key)) values[key] = value;
  }
  return values;
}

/**
 * Turns an expected failure into an action result; rethrows the unexpected (to error.tsx).
 * Used by every server action so validation, permission and conflict errors read the same.
 */
export function toActionError(error: unknown, values?: Record<string, string>): ActionResult<never> {
  if (error instanceof z.ZodError) {
    return {
      ok: false,
      message: "Check the highlighted fields.",
      fieldErrors: z.flattenError(error).fieldErrors as FieldErrors,
      values,
    };
  }
  if (error instanceof DomainError) {
    return { ok: false, message: error.message, fieldErrors: error.fieldErrors, values };
  }
  if (error instanceof ForbiddenError || error instanceof UnauthenticatedError || error instanceof NotFoundError) {
    return { ok: false, message: error.message, values };
  }
  // A transaction that could not get the database in time rolled back whole: say so, keep the form.
  if (isDatabaseBusy(error)) {
    console.error(`[console] a change was refused as busy: ${error instanceof Error ? error.message.split("\n").slice(-1)[0] : String(error)}`);
    return { ok: false, message: BUSY_MESSAGE, values };
  }
  throw error;
}

/** Runs a server action body and maps expected failures onto a result. */
export async function runAction<T>(
  body: () => Promise<T>,
  options: { values?: Record<string, string>; message?: string } = {},
): Promise<ActionResult<T>> {
  try {
    const data = await body();
    return { ok: true, data, message: options.message };
  } catch (error) {
    return toActionError(error, options.values);
  }
}
