"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formValues, runAction, toActionError, type ActionResult, type FieldErrors } from "@/lib/action-result";
import { createApp } from "@/lib/apps/create-app";
import { deleteApp } from "@/lib/apps/delete-app";
import { previewAppPayload } from "@/lib/apps/preview-app-payload";
import { previewFeaturesImpact } from "@/lib/apps/preview-features-impact";
import type { PayloadPreview, VerifyOutcome } from "@/lib/apps/types";
import { updateAppFeatures } from "@/lib/apps/update-app-features";
import { updateAppMapping } from "@/lib/apps/update-app-mapping";
import { updateAppSettings } from "@/lib/apps/update-app-settings";
import { verifyApp } from "@/lib/apps/verify-app";
import type { ImpactSummary } from "@/lib/provisioning/types";
import { appCreateSchema, appFeaturesSchema } from "@/lib/schemas/app";
import { idField } from "@/lib/schemas/common";
import { searchUserChoices } from "@/lib/users/search-user-choices";
import type { UserChoice } from "@/lib/users/user-shape";

// What the form sends back after an error: never the token the person typed.
function safeValues(formData: FormData): Record<string, string> {
  const values = formValues(formData);
  delete values.token;
  return values;
}

function text(formData: FormData, key: string): string {
  const value = formData.get(key);
  return typeof value === "string" ? value : "";
}

function refresh(appId?: string) {
  revalidatePath("/apps");
  if (appId) revalidatePath(`/apps/${appId}`);
}

/** Add app: saves and verifies; the page then opens the app, connected or with the reason it is not. */
export async function createAppAction(_prev: ActionResult<{ id: string }> | null, formData: FormData): Promise<ActionResult<{ id: string }>> {
  return runAction(
    async () => {
      const input = appCreateSchema.parse({ kind: text(formData, "kind"), name: text(formData, "name"), baseUrl: text(formData, "baseUrl"), token: text(formData, "token") });
      const app = await createApp(input);
      refresh();
      return { id: app.id };
    },
    { values: safeValues(formData), message: "App added." },
  );
}

/** Settings form: name, base URL, and a new token when the field is filled. */
export async function updateAppSettingsAction(
  appId: string,
  _prev: ActionResult<{ health: string; healthMessage: string | null; verified: boolean }> | null,
  formData: FormData,
): Promise<ActionResult<{ health: string; healthMessage: string | null; verified: boolean }>> {
  return runAction(
    async () => {
      const { app, verify } = await updateAppSettings(appId, { name: text(formData, "name"), baseUrl: text(formData, "baseUrl"), token: text(formData, "token") });
      refresh(app.id);
      return { health: app.health, healthMessage: app.healthMessage, verified: verify !== null };
    },
    { values: safeValues(formData), message: "Settings saved." },
  );
}

/** Verify Credentials. */
export async function verifyAppAction(appId: string): Promise<ActionResult<VerifyOutcome>> {
  return runAction(async () => {
    const outcome = await verifyApp(appId);
    refresh(appId);
    return outcome;
  });
}

function featuresFromForm(formData: FormData) {
  const on = (key: string) => formData.get(key) === "on";
  return appFeaturesSchema.parse({
    features: { createUsers: on("createUsers"), updateUsers: on("updateUsers"), deactivateUsers: on("deactivateUsers"), deleteUsers: on("deleteUsers"), pushGroups: on("pushGroups") },
    deprovisionMode: text(formData, "deprovisionMode"),
  });
}

/** Impact preview of the features form as it stands, before saving. */
export async function previewFeaturesImpactAction(appId: string, formData: FormData): Promise<ActionResult<ImpactSummary[]>> {
  return runAction(() => previewFeaturesImpact(appId, featuresFromForm(formData)));
}

/** Provisioning features and deprovision mode. */
export async function updateAppFeaturesAction(appId: string, _prev: ActionResult<{ changed: boolean }> | null, formData: FormData): Promise<ActionResult<{ changed: boolean }>> {
  return runAction(
    async () => {
      const result = await updateAppFeatures(appId, featuresFromForm(formData));
      refresh(appId);
      return result;
    },
    { values: formValues(formData), message: "Provisioning features saved." },
  );
}

/** Attribute mapping: rows arrive as parallel source/target/transform lists; errors are keyed `rules.<row>.<field>`. */
export async function updateAppMappingAction(appId: string, _prev: ActionResult<{ changed: boolean }> | null, formData: FormData): Promise<ActionResult<{ changed: boolean }>> {
  const sources = formData.getAll("source").map(String);
  const targets = formData.getAll("target").map(String);
  const transforms = formData.getAll("transform").map(String);
  const rules = sources.map((source, i) => ({ source, target: targets[i] ?? "", transform: transforms[i] ?? "" }));
  try {
    const { changed } = await updateAppMapping(appId, rules);
    refresh(appId);
    return { ok: true, data: { changed }, message: changed ? "Attribute mapping saved." : "No changes to save." };
  } catch (error) {
    if (!(error instanceof z.ZodError)) return toActionError(error);
    const fieldErrors: FieldErrors = {};
    for (const issue of error.issues) {
      const key = issue.path.length === 0 ? "rules" : `rules.${issue.path.join(".")}`;
      fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
    }
    return { ok: false, message: fieldErrors.rules?.[0] ?? "Check the highlighted rows.", fieldErrors };
  }
}

/** The payload preview for one chosen user. */
export async function previewAppPayloadAction(appId: string, userId: string): Promise<ActionResult<PayloadPreview>> {
  return runAction(() => previewAppPayload(appId, idField.parse(userId)));
}

/** User search for the payload preview. */
export async function searchPreviewUsersAction(q: string): Promise<ActionResult<UserChoice[]>> {
  return runAction(() => searchUserChoices(typeof q === "string" ? q : "", { limit: 10 }));
}

/** Deletes the app; its accounts stay in the app. The app's own page navigates away itself. */
export async function deleteAppAction(appId: string): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const { name } = await deleteApp(appId);
    revalidatePath("/apps");
    return { name };
  });
}
