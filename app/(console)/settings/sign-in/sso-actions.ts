"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import type { ProviderReport } from "@/lib/sso/provider";
import { removeSsoSettings, saveSsoSettings, testSsoProvider, type SsoSettingsView } from "@/lib/sso/sso-settings";

const FIELDS = ["issuer", "clientId", "clientAuth", "displayName", "createOnFirstSignIn", "createRole", "ssoOnly"] as const;

function text(formData: FormData, key: string): string {
  const value = formData.get(key);
  return typeof value === "string" ? value : "";
}

/** Settings > Sign-in > Single sign-on: Save. The secret never goes back into the form. */
export async function saveSsoSettingsAction(_prev: ActionResult<SsoSettingsView> | null, formData: FormData): Promise<ActionResult<SsoSettingsView>> {
  const values = Object.fromEntries(FIELDS.map((key) => [key, text(formData, key)]));
  return runAction(
    async () => {
      const view = await saveSsoSettings({ ...values, clientSecret: text(formData, "clientSecret") });
      revalidatePath("/settings/sign-in");
      return view;
    },
    { values, message: "Single sign-on settings saved." },
  );
}

/** Test: discovery for the issuer in the form; reports the provider's issuer and endpoints. */
export async function testSsoProviderAction(issuer: string): Promise<ActionResult<ProviderReport>> {
  return runAction(() => testSsoProvider({ issuer }), { values: { issuer } });
}

/** Turn off single sign-on (forgets the stored settings). */
export async function removeSsoSettingsAction(): Promise<ActionResult<SsoSettingsView>> {
  return runAction(
    async () => {
      const view = await removeSsoSettings();
      revalidatePath("/settings/sign-in");
      return view;
    },
    { message: "Single sign-on is off. Everyone signs in with their password again." },
  );
}
