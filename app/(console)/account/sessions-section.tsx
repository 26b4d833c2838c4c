/** Placeholder, filled in with its own work. */
export async function SessionsSection() {
  return null;
}
