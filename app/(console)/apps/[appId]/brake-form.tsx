// Slot on the app page (Provisioning tab): mass-change brake, scheduled reconciliation, adopted attributes.
import { getSyncSettings } from "@/lib/reconcile/sync-settings";
import { SyncSettingsForm } from "./sync-settings-form";

/** Loads the app's brake and reconciliation settings for the form. */
export async function BrakeForm({ appId, canWrite }: { appId: string; canWrite: boolean }) {
  const settings = await getSyncSettings(appId);
  if (!settings) return null;
  return <SyncSettingsForm appId={appId} settings={settings} canWrite={canWrite} />;
}
