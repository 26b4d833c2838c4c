import "server-only";
import { z } from "zod";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { PACING_BOUNDS, kindDefaults, type PacingLimits } from "@/lib/provisioning/pacing/limits";
import { idField } from "@/lib/schemas/common";

/** The app's own pacing values (null = the kind's default) and those defaults, for the form. */
export type AppPacingView = { perMinute: number | null; burst: number | null; maxConcurrency: number | null; defaults: PacingLimits; kind: string };

// Blank means "use the default"; anything else must be a whole number within the bounds.
const optionalInt = (label: string, bounds: { min: number; max: number }) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? Number(v.trim().replace(/[,_\s]/g, "")) : v),
    z
      .number({ error: `${label} must be a whole number, or blank for the default.` })
      .int(`${label} must be a whole number, or blank for the default.`)
      .min(bounds.min, `${label} must be at least ${bounds.min.toLocaleString("en-US")}.`)
      .max(bounds.max, `${label} can be at most ${bounds.max.toLocaleString("en-US")}.`)
      .nullable(),
  );

/** What the pacing form sends: writes per minute, burst, requests in flight; blank = default. */
export const appPacingSchema = z.object({
  perMinute: optionalInt("Writes per minute", PACING_BOUNDS.perMinute),
  burst: optionalInt("Burst", PACING_BOUNDS.burst),
  maxConcurrency: optionalInt("Requests at once", PACING_BOUNDS.maxConcurrency),
});

const SELECT = { id: true, name: true, kind: true, rateLimitPerMinute: true, rateLimitBurst: true, maxConcurrency: true } as const;

/** Reads the app's pacing settings. */
export async function getAppPacing(appId: string): Promise<AppPacingView | null> {
  await requirePermission("apps:read");
  const id = idField.safeParse(appId);
  if (!id.success) return null;
  const app = await db.app.findUnique({ where: { id: id.data }, select: SELECT });
  if (!app) return null;
  return { perMinute: app.rateLimitPerMinute, burst: app.rateLimitBurst, maxConcurrency: app.maxConcurrency, defaults: kindDefaults(app.kind), kind: app.kind };
}

/** Saves the app's pacing (validated, audited with before and after); the next claim applies it. */
export async function updateAppPacing(appId: string, input: Record<string, unknown>): Promise<{ changed: boolean }> {
  const actor = await requirePermission("apps:write");
  const id = idField.parse(appId);
  const data = appPacingSchema.parse(input);
  return db.$transaction(async (tx) => {
    const app = await tx.app.findUnique({ where: { id }, select: SELECT });
    if (!app) throw new NotFoundError("That app no longer exists. Reload the page.");
    const before = { rateLimitPerMinute: app.rateLimitPerMinute, rateLimitBurst: app.rateLimitBurst, maxConcurrency: app.maxConcurrency };
    const after = { rateLimitPerMinute: data.perMinute, rateLimitBurst: data.burst, maxConcurrency: data.maxConcurrency };
    if (JSON.stringify(before) === JSON.stringify(after)) return { changed: false };
    await tx.app.update({ where: { id }, data: after });
    await writeAudit(tx, actor, { action: "app.pacing.update", targetType: "app", targetId: id, targetLabel: app.name, before, after });
    return { changed: true };
  });
}
