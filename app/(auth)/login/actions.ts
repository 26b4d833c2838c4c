"use server";

import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { signInSchema } from "@/lib/schemas/sign-in";
import { pathForStage, safeNextPath } from "@/lib/sign-in/next-path";
import { signInWithPassword } from "@/lib/sign-in/sign-in-flow";

/** The password step; then to the second factor, to enrolment, or to `next`. */
export async function signInAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  const email = String(formData.get("email") ?? "");
  if (!parsed.success) {
    return { ok: false, message: "Enter your email and password.", values: { email } };
  }
  const step = await signInWithPassword(parsed.data.email, parsed.data.password);
  if (!step.ok) return { ok: false, message: step.message, values: { email } };
  redirect(pathForStage(step.stage, safeNextPath(parsed.data.next)));
}
