import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { previewImpact } from "@/lib/provisioning/preview-impact";
import type { ImpactSummary } from "@/lib/provisioning/types";
import { appFeaturesSchema, type AppFeaturesInput } from "@/lib/schemas/app";
import { loadApp } from "./shared";

/** What saving these features would do to the app's accounts ("3 creates, 1 deactivation"); writes nothing. */
export async function previewFeaturesImpact(appId: string, input: AppFeaturesInput): Promise<ImpactSummary[]> {
  await requirePermission("apps:read");
  const data = appFeaturesSchema.parse(input);
  const app = await loadApp(db, appId);
  return previewImpact(db, { kind: "appFeatures", appId: app.id, features: data.features, deprovisionMode: data.deprovisionMode });
}
