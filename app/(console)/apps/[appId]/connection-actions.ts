"use server";

import { revalidatePath } from "next/cache";
import { formValues, runAction, type ActionResult } from "@/lib/action-result";
import { disconnectApp } from "@/lib/oauth/disconnect";
import { saveOAuthSettings, useBearerToken } from "@/lib/oauth/save-oauth-settings";
import { startConnection } from "@/lib/oauth/start-connection";

function text(formData: FormData, key: string): string {
  const value = formData.get(key);
  return typeof value === "string" ? value : "";
}

/** Credential kind and OAuth client; never sends the typed secret back. */
export async function saveOAuthSettingsAction(appId: string, _prev: ActionResult<{ switched: boolean }> | null, formData: FormData): Promise<ActionResult<{ switched: boolean }>> {
  const values = formValues(formData);
  delete values.clientSecret;
  return runAction(
    async () => {
      const kind = text(formData, "credentialKind");
      if (kind === "bearer") {
        await useBearerToken(appId);
        revalidatePath(`/apps/${appId}`);
        return { switched: true };
      }
      const result = await saveOAuthSettings(appId, {
        credentialKind: kind,
        clientId: text(formData, "clientId"),
        clientSecret: text(formData, "clientSecret"),
        authorizationEndpoint: text(formData, "authorizationEndpoint"),
        tokenEndpoint: text(formData, "tokenEndpoint"),
        revocationEndpoint: text(formData, "revocationEndpoint"),
        scopes: text(formData, "scopes"),
        clientAuth: text(formData, "clientAuth"),
      });
      revalidatePath(`/apps/${appId}`);
      return result;
    },
    { values, message: "Connection settings saved." },
  );
}

/** Connect / Reconnect: the browser goes to the returned authorize URL. */
export async function startConnectionAction(appId: string): Promise<ActionResult<{ url: string }>> {
  return runAction(() => startConnection(appId));
}

/** Disconnect (revokes at the provider). */
export async function disconnectAppAction(appId: string): Promise<ActionResult<{ revoked: boolean }>> {
  return runAction(async () => {
    const result = await disconnectApp(appId);
    revalidatePath(`/apps/${appId}`);
    return result;
  });
}
