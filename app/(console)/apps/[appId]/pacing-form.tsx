// Slot on the app page (Provisioning tab): the app's pacing (writes per minute, burst, requests at once).
import { getAppPacing } from "@/lib/apps/update-app-pacing";
import { PacingSettingsForm } from "./pacing-settings-form";

/** Loads the app's pacing and its kind's defaults for the form. */
export async function PacingForm({ appId, canWrite }: { appId: string; canWrite: boolean }) {
  const pacing = await getAppPacing(appId);
  if (!pacing) return null;
  return <PacingSettingsForm appId={appId} pacing={pacing} canWrite={canWrite} />;
}
