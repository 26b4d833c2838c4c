import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError, NotFoundError } from "@/lib/errors";
import { parseAppSettings } from "@/lib/provisioning/app-settings";
import { canonicalJson } from "@/lib/provisioning/hash";
import { idField } from "@/lib/schemas/common";
import { syncSettingsSchema, type SyncSettings, type SyncSettingsInput } from "@/lib/schemas/reconcile";
import { adoptableAttributes, type AdoptableAttribute } from "./adopt";

/** The brake and reconciliation settings of one app, and the attributes it may adopt from the app. */
export type SyncSettingsView = SyncSettings & { adoptable: AdoptableAttribute[]; lastReconciledAt: string | null };

/** App.adoptAttributes as a list; anything malformed counts as none. */
export function parseAdoptAttributes(text: string): string[] {
  try {
    const raw = JSON.parse(text) as unknown;
    return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

const SELECT = {
  id: true,
  name: true,
  kind: true,
  features: true,
  deprovisionMode: true,
  mapping: true,
  brakeEnabled: true,
  brakePercent: true,
  brakeMinimum: true,
  reconcileIntervalHours: true,
  adoptAttributes: true,
  lastReconciledAt: true,
} as const;

/** Reads the app's brake and reconciliation settings. */
export async function getSyncSettings(appId: string): Promise<SyncSettingsView | null> {
  await requirePermission("apps:read");
  const id = idField.safeParse(appId);
  if (!id.success) return null;
  const app = await db.app.findUnique({ where: { id: id.data }, select: SELECT });
  if (!app) return null;
  return {
    brakeEnabled: app.brakeEnabled,
    brakePercent: app.brakePercent,
    brakeMinimum: app.brakeMinimum,
    reconcileIntervalHours: app.reconcileIntervalHours,
    adoptAttributes: parseAdoptAttributes(app.adoptAttributes),
    adoptable: adoptableAttributes(parseAppSettings(app).mapping),
    lastReconciledAt: app.lastReconciledAt?.toISOString() ?? null,
  };
}

/** Saves the brake and reconciliation settings; audited with before and after. */
export async function updateSyncSettings(appId: string, input: SyncSettingsInput): Promise<{ changed: boolean }> {
  const actor = await requirePermission("apps:write");
  const id = idField.parse(appId);
  const data = syncSettingsSchema.parse(input);
  return db.$transaction(async (tx) => {
    const app = await tx.app.findUnique({ where: { id }, select: SELECT });
    if (!app) throw new NotFoundError("That app no longer exists. Reload the page.");
    const allowed = new Set(adoptableAttributes(parseAppSettings(app).mapping).map((a) => a.path));
    const unknown = data.adoptAttributes.filter((p) => !allowed.has(p));
    if (unknown.length > 0) throw new DomainError(`These attributes cannot be adopted from the app: ${unknown.join(", ")}.`, { adoptAttributes: ["Choose attributes from the list."] });
    const before = {
      brakeEnabled: app.brakeEnabled,
      brakePercent: app.brakePercent,
      brakeMinimum: app.brakeMinimum,
      reconcileIntervalHours: app.reconcileIntervalHours,
      adoptAttributes: [...parseAdoptAttributes(app.adoptAttributes)].sort(),
    };
    const after = { ...data, adoptAttributes: [...new Set(data.adoptAttributes)].sort() };
    if (canonicalJson(before) === canonicalJson(after)) return { changed: false };
    await tx.app.update({ where: { id }, data: { ...after, adoptAttributes: JSON.stringify(after.adoptAttributes) } });
    await writeAudit(tx, actor, { action: "app.sync_settings.update", targetType: "app", targetId: id, targetLabel: app.name, before, after });
    return { changed: true };
  });
}
