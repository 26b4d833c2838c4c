// Why a connect attempt ended without a connection. The code travels in the callback's redirect to the
// app page (never the provider's own text, which could carry anything), and the page turns it into words.

export const OAUTH_FAILURES = {
  access_denied: "Consent was denied on the provider's page, so nothing was connected. Click Connect again and choose Allow.",
  state_missing: "The provider's answer had no state, so it could not be matched to a connect attempt of yours. Nothing was saved; click Connect again.",
  state_invalid: "This connect attempt is unknown, was already used, or belongs to another session. Nothing was saved; click Connect again.",
  state_expired: "This connect attempt expired (it is valid for 10 minutes). Nothing was saved; click Connect again.",
  invalid_code: "The provider refused the authorization code: it expired, was already used, or was issued for another Redirect URL. Nothing was saved; click Connect again.",
  bad_redirect_uri: "The provider says the Redirect URL does not match. Copy the Redirect URL shown on this page into the app's OAuth settings, then click Connect again.",
  bad_client: "The provider refused the client ID or client secret. Check both on this page, then click Connect again.",
  missing_scope: "The provider granted fewer permissions than needed. Nothing was saved; connect again with an account that can grant them.",
  unreachable: "The provider could not be reached. Nothing was saved; check its address and your network, then click Connect again.",
  provider_error: "The provider answered with an error. Nothing was saved; check the app's OAuth settings, then click Connect again.",
  not_configured: "Enter and save the app's OAuth client settings before connecting.",
} as const;
export type OAuthFailureCode = keyof typeof OAUTH_FAILURES;

/** A connect attempt that failed for a reason the admin can act on. */
export class OAuthFlowError extends Error {
  constructor(
    readonly code: OAuthFailureCode,
    message?: string,
  ) {
    super(message ?? OAUTH_FAILURES[code]);
    this.name = "OAuthFlowError";
  }
}

/** The words for a failure code from a callback redirect; unknown codes read as a generic provider error. */
export function oauthFailureMessage(code: string): string {
  return code in OAUTH_FAILURES ? OAUTH_FAILURES[code as OAuthFailureCode] : OAUTH_FAILURES.provider_error;
}
