// Test helpers for second factors: codes as an authenticator app shows them, and an operator with
// a confirmed authenticator app (through the same lib functions the console uses).
import { runAs, type Actor } from "@/lib/authz";
import { TOTP_PERIOD_SECONDS, totpFor } from "@/lib/operator-factors/totp-core";
import { confirmTotpSetup, startTotpSetup } from "@/lib/operator-factors/totp-setup";

/** The code an authenticator shows `steps` periods from now (one step later is accepted as clock drift). */
export function codeAt(secret: string, steps = 0): string {
  return totpFor(secret, "").generate({ timestamp: Date.now() + steps * TOTP_PERIOD_SECONDS * 1000 });
}

/** A 6-digit code that is not `code`. */
export function otherThan(code: string): string {
  return code === "000000" ? "111111" : "000000";
}

/** The base32 secret of a set-up, read back from the text shown for typing. */
export function secretOf(setup: { secretForTyping: string }): string {
  return setup.secretForTyping.replace(/\s+/g, "");
}

/** Gives `actor` a confirmed authenticator app; returns its secret and recovery codes. */
export async function withTotp(actor: Actor): Promise<{ secret: string; codes: string[] }> {
  const secret = secretOf(await runAs(actor, () => startTotpSetup()));
  const { codes } = await runAs(actor, () => confirmTotpSetup({ code: codeAt(secret) }));
  return { secret, codes };
}
