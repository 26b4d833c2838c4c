"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { safeNextPath } from "@/lib/sign-in/next-path";
import { signInWithCode } from "@/lib/sign-in/second-factor-code";

const codeSchema = z.object({ code: z.string().trim().min(1).max(40), next: z.string().max(2000).optional() });

/** Checks a TOTP or recovery code for the pending sign-in; on success continues to `next`. */
export async function secondFactorAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = codeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, message: "Enter the 6-digit code from your authenticator app, or a recovery code." };
  const step = await signInWithCode(parsed.data.code);
  if (!step.ok) return { ok: false, message: step.message };
  redirect(safeNextPath(parsed.data.next));
}
