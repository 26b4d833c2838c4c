"use server";

import { revalidatePath } from "next/cache";
import { formValues, runAction, type ActionResult } from "@/lib/action-result";
import { createOAuthApp } from "@/lib/oauth/create-oauth-app";
import { createAppAction } from "../actions";

/** Add app: a bearer app is saved and verified; an OAuth app is saved to be connected on its page. */
export async function createAppWithCredentialsAction(prev: ActionResult<{ id: string }> | null, formData: FormData): Promise<ActionResult<{ id: string }>> {
  const credentialKind = formData.get("credentialKind");
  if (credentialKind !== "slack_oauth" && credentialKind !== "oauth2") return createAppAction(prev, formData);
  const values = formValues(formData);
  delete values.token;
  const text = (key: string) => (typeof formData.get(key) === "string" ? String(formData.get(key)) : "");
  return runAction(
    async () => {
      const app = await createOAuthApp({ kind: text("kind"), name: text("name"), baseUrl: text("baseUrl"), credentialKind });
      revalidatePath("/apps");
      return app;
    },
    { values, message: "App added: connect it under Credentials." },
  );
}
