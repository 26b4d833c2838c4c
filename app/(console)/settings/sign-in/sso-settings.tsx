/** Placeholder, filled in with its own work. */
export async function SsoSettingsSection() {
  return null;
}
