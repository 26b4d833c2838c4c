/** Placeholder, filled in with its own work. */
export async function TotpSection() {
  return null;
}
