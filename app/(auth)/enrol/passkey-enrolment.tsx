/** Placeholder: passkey registration during enrolment (filled in with the passkey work). */
export function PasskeyEnrolment(_props: { next?: string }) {
  return null;
}
