import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { mapUserToScim, type ConsoleUser } from "@/lib/scim/mapping";
import { idField } from "@/lib/schemas/common";
import { parseCustomAttributes } from "@/lib/users/user-shape";
import { loadApp, parseMapping, toKind } from "./shared";
import type { PayloadPreview } from "./types";

export const PREVIEW_USER_NOT_FOUND = "That user no longer exists. Choose another user.";

/** The exact SCIM User JSON the app's saved mapping produces for one user (what a create would send). */
export async function previewAppPayload(appId: string, userId: string): Promise<PayloadPreview> {
  await requirePermission("apps:read");
  await requirePermission("users:read");
  const app = await loadApp(db, appId);
  const id = idField.safeParse(userId);
  const user = id.success
    ? await db.user.findUnique({ where: { id: id.data }, include: { manager: { select: { id: true, userName: true } } } })
    : null;
  if (!user) throw new NotFoundError(PREVIEW_USER_NOT_FOUND);
  const managerAccount = user.manager
    ? await db.appAccount.findUnique({ where: { appId_userId: { appId: app.id, userId: user.manager.id } }, select: { remoteId: true } })
    : null;
  const consoleUser: ConsoleUser = {
    id: user.id,
    userName: user.userName,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    displayName: user.displayName,
    title: user.title,
    department: user.department,
    phone: user.phone,
    employeeNumber: user.employeeNumber,
    managerUserName: user.manager?.userName ?? null,
    active: user.active,
    customAttributes: parseCustomAttributes(user.customAttributes),
  };
  try {
    const resource = mapUserToScim(consoleUser, parseMapping(app.mapping, toKind(app.kind)), { managerRemoteId: managerAccount?.remoteId ?? null });
    return { ok: true, userName: user.userName, json: JSON.stringify(resource, null, 2) };
  } catch (error) {
    return { ok: false, userName: user.userName, message: error instanceof Error ? error.message : String(error) };
  }
}
