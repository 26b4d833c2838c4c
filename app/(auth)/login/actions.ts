"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth";
import { signInSchema } from "@/lib/schemas/sign-in";
import { signInMessage } from "@/lib/sign-in";
import type { ActionResult } from "@/lib/action-result";

/** Signs an operator in; on success next-auth redirects to `next` (a path on this site). */
export async function signInAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  const email = String(formData.get("email") ?? "");
  if (!parsed.success) {
    return { ok: false, message: "Enter your email and password.", values: { email } };
  }
  const next = parsed.data.next && parsed.data.next.startsWith("/") && !parsed.data.next.startsWith("//") ? parsed.data.next : "/users";
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: next });
    return { ok: true, data: undefined };
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const [reason, seconds] = String(error.code).split(":");
      return { ok: false, message: signInMessage(reason, seconds ? Number(seconds) : undefined), values: { email } };
    }
    if (error instanceof AuthError) {
      return { ok: false, message: "Sign-in failed. Try again.", values: { email } };
    }
    throw error; // the redirect on success, or the unexpected
  }
}
