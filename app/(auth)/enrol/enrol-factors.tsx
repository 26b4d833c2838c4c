/** Placeholder: TOTP set-up and passkey registration during enrolment (filled in with the factor work). */
export function EnrolFactors(_props: { email: string; next?: string }) {
  return null;
}
