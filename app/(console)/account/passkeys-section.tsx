/** Placeholder, filled in with its own work. */
export async function PasskeysSection() {
  return null;
}
