import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { loadApp, toAppDetail } from "./shared";
import type { AppDetail } from "./types";

/** One app as its page shows it (credentials reduced to their hint), or null when there is none. */
export async function getApp(appId: string): Promise<AppDetail | null> {
  await requirePermission("apps:read");
  try {
    const app = await loadApp(db, appId);
    const accountCount = await db.appAccount.count({ where: { appId: app.id } });
    return toAppDetail(app, accountCount);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
