import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { enqueueForApp } from "@/lib/provisioning/enqueue";
import { afterCommit } from "@/lib/provisioning/wake";
import type { MappingRule } from "@/lib/scim/mapping";
import { appMappingSchema } from "@/lib/schemas/app";
import { loadApp, parseMapping, toKind } from "./shared";

/** Saves the attribute mapping (validated SCIM targets, userName mapped); `app.mapping.change` keeps both versions. */
export async function updateAppMapping(appId: string, rules: unknown): Promise<{ changed: boolean; mapping: MappingRule[] }> {
  const actor = await requirePermission("apps:write");
  const mapping = appMappingSchema.parse(rules).map((r) => (r.transform ? r : { source: r.source, target: r.target })) as MappingRule[];
  return afterCommit(
    db.$transaction(async (tx) => {
      const app = await loadApp(tx, appId);
      const before = parseMapping(app.mapping, toKind(app.kind));
      if (JSON.stringify(before) === JSON.stringify(mapping)) return { changed: false, mapping };
      await tx.app.update({ where: { id: app.id }, data: { mapping: JSON.stringify(mapping) } });
      await writeAudit(tx, actor, { action: "app.mapping.change", targetType: "app", targetId: app.id, targetLabel: app.name, before, after: mapping });
      // Same transaction as the change (outbox): the worker pushes the new attribute values once this commits.
      await enqueueForApp(tx, app.id, actor.email);
      return { changed: true, mapping };
    }),
  );
}
