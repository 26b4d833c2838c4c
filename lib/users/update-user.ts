import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { enqueueForUsers } from "@/lib/provisioning/enqueue";
import { wakeWorker } from "@/lib/provisioning/wake";
import { NotFoundError } from "@/lib/errors";
import { idField } from "@/lib/schemas/common";
import { userInputSchema, type UserInputRaw } from "@/lib/schemas/user";
import { auditDiff, auditSnapshot, userRowData } from "./user-shape";
import { assertManager, assertUnique, rethrowUniqueViolation } from "./user-rules";

/** Saves the Edit form of a user; writes a user.update audit row with the changed attributes. */
export async function updateUser(userId: string, raw: UserInputRaw): Promise<{ id: string; userName: string }> {
  const actor = await requirePermission("users:write");
  const id = idField.safeParse(userId);
  if (!id.success) throw new NotFoundError();
  const input = userInputSchema.parse(raw);
  const keys = { userNameKey: input.userName.toLowerCase(), email: input.email };
  try {
    const updated = await db.$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { id: id.data } });
      if (!existing) throw new NotFoundError();
      await assertUnique(tx, keys, existing.id);
      await assertManager(tx, input.managerId, existing.id);
      const user = await tx.user.update({ where: { id: existing.id }, data: userRowData(input) });
      const diff = auditDiff(auditSnapshot(existing), auditSnapshot(user));
      if (Object.keys(diff.after).length > 0) {
        await writeAudit(tx, actor, { action: "user.update", targetType: "user", targetId: user.id, targetLabel: user.userName, ...diff });
      }
      // A new userName changes what the reports' manager attribute says in apps that map it.
      const reports = existing.userName === user.userName ? [] : await tx.user.findMany({ where: { managerId: user.id }, select: { id: true } });
      await enqueueForUsers(tx, [user.id, ...reports.map((r) => r.id)], actor.email);
      return { id: user.id, userName: user.userName };
    });
    wakeWorker();
    return updated;
  } catch (error) {
    return rethrowUniqueViolation(error, keys, id.data);
  }
}
