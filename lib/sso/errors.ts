// Why a single sign-on attempt ended without a session. The code travels in the redirect to
// /login?error=<code>; the provider's own words (provider-error only) travel sanitised in `reason`
// and are sanitised again when the page shows them, since anyone can write that URL.

export const SSO_FAILURES = {
  "unknown-email": "No console operator has the email address your sign-in provider confirmed. Ask an admin to add you, then sign in again.",
  "unverified-email": "Your sign-in provider did not share a verified email address, so it could not be matched to an operator. Verify your email with the provider, or ask an admin.",
  disabled: "This account is disabled. Ask an admin to enable it.",
  state: "This sign-in could not be matched to one started in this browser: it was already used, took longer than 10 minutes, or did not come from this console. Start again.",
  "provider-error": "The sign-in provider did not complete the sign-in. Try again, or ask an admin to check the single sign-on settings.",
  "not-configured": "Single sign-on is not set up for this console. Sign in with your email and password, or ask an admin.",
} as const;
export type SsoFailureCode = keyof typeof SSO_FAILURES;

/** The message for a refusal code from the login page's URL; unknown codes show nothing. */
export function ssoFailureMessage(code: string | undefined, reason?: string): string | null {
  if (!code || !(code in SSO_FAILURES)) return null;
  const message = SSO_FAILURES[code as SsoFailureCode];
  const said = code === "provider-error" ? sanitiseProviderText(reason) : "";
  return said ? `${message} Details: “${said}”` : message;
}

/**
 * A provider's error text made safe to show: letters, digits and plain punctuation only, one line,
 * at most 160 characters. Anything else (markup, URLs' odd characters, control characters) goes.
 */
export function sanitiseProviderText(text: string | null | undefined): string {
  if (!text) return "";
  const plain = text
    .normalize("NFKC")
    .replace(/[^A-Za-z0-9 .,:;'()_/-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > 160 ? `${plain.slice(0, 157).trimEnd()}...` : plain;
}

/** A refused single sign-on attempt, with the operator when one was identified (for the audit row). */
export class SsoRefusal extends Error {
  constructor(
    readonly code: SsoFailureCode,
    readonly reason?: string,
  ) {
    super(SSO_FAILURES[code]);
    this.name = "SsoRefusal";
  }
}
