import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { idField } from "@/lib/schemas/common";
import { parseCustomAttributes, toUserRow, type UserDetail } from "./user-shape";

/** Everything the detail and edit pages show about one user; NotFoundError when there is none. */
export async function getUser(userId: string): Promise<UserDetail> {
  await requirePermission("users:read");
  const id = idField.safeParse(userId);
  if (!id.success) throw new NotFoundError();
  const user = await db.user.findUnique({
    where: { id: id.data },
    include: {
      manager: { select: { id: true, userName: true, displayName: true } },
      memberships: { select: { group: { select: { id: true, name: true, nameKey: true } } } },
    },
  });
  if (!user) throw new NotFoundError();
  const groups = user.memberships
    .map((m) => m.group)
    .sort((a, b) => a.nameKey.localeCompare(b.nameKey))
    .map(({ id: groupId, name }) => ({ id: groupId, name }));
  return {
    ...toUserRow(user),
    firstName: user.firstName,
    lastName: user.lastName,
    title: user.title,
    phone: user.phone,
    employeeNumber: user.employeeNumber,
    externalId: user.externalId,
    customAttributes: parseCustomAttributes(user.customAttributes),
    manager: user.manager,
    groups,
    updatedAt: user.updatedAt.toISOString(),
  };
}
