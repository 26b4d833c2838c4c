import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { idField } from "@/lib/schemas/common";
import type { AppEventRow } from "./types";

export const RECENT_EVENTS = 50;

/** The app's latest 50 provisioning events, newest first. */
export async function listAppEvents(appId: string): Promise<AppEventRow[]> {
  await requirePermission("apps:read");
  const id = idField.safeParse(appId);
  if (!id.success) return [];
  const events = await db.provisioningEvent.findMany({
    where: { appId: id.data },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: RECENT_EVENTS,
    select: { id: true, at: true, userId: true, userIdentifier: true, action: true, outcome: true, httpStatus: true, message: true },
  });
  return events.map((e) => ({ ...e, at: e.at.toISOString() }));
}
