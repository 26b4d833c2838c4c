import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { enqueueForApp } from "@/lib/provisioning/enqueue";
import { afterCommit } from "@/lib/provisioning/wake";
import { appFeaturesSchema, type AppFeaturesInput } from "@/lib/schemas/app";
import { loadApp, parseFeatures } from "./shared";

/** Saves the provisioning features and deprovision mode; `app.features.change` records before and after. */
export async function updateAppFeatures(appId: string, input: AppFeaturesInput): Promise<{ changed: boolean }> {
  const actor = await requirePermission("apps:write");
  const data = appFeaturesSchema.parse(input);
  return afterCommit(
    db.$transaction(async (tx) => {
      const app = await loadApp(tx, appId);
      const before = { features: parseFeatures(app.features), deprovisionMode: app.deprovisionMode };
      const after = { features: data.features, deprovisionMode: data.deprovisionMode };
      if (JSON.stringify(before) === JSON.stringify(after)) return { changed: false };
      await tx.app.update({ where: { id: app.id }, data: { features: JSON.stringify(data.features), deprovisionMode: data.deprovisionMode } });
      await writeAudit(tx, actor, { action: "app.features.change", targetType: "app", targetId: app.id, targetLabel: app.name, before, after });
      // Same transaction as the change (outbox): the worker re-plans every account of the app once this commits.
      await enqueueForApp(tx, app.id, actor.email);
      return { changed: true };
    }),
  );
}
