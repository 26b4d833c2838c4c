import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { enqueueForUsers } from "@/lib/provisioning/enqueue";
import { wakeWorker } from "@/lib/provisioning/wake";
import { userInputSchema, type UserInputRaw } from "@/lib/schemas/user";
import { auditSnapshot, userRowData } from "./user-shape";
import { assertManager, assertUnique, rethrowUniqueViolation } from "./user-rules";

/** Adds a directory user (Users > Add User) and its audit row in one transaction. */
export async function createUser(raw: UserInputRaw): Promise<{ id: string; userName: string }> {
  const actor = await requirePermission("users:write");
  const input = userInputSchema.parse(raw);
  const keys = { userNameKey: input.userName.toLowerCase(), email: input.email };
  try {
    const created = await db.$transaction(async (tx) => {
      await assertUnique(tx, keys);
      await assertManager(tx, input.managerId);
      const user = await tx.user.create({ data: userRowData(input) });
      await writeAudit(tx, actor, {
        action: "user.create",
        targetType: "user",
        targetId: user.id,
        targetLabel: user.userName,
        after: auditSnapshot(user),
      });
      await enqueueForUsers(tx, [user.id], actor.email);
      return { id: user.id, userName: user.userName };
    });
    wakeWorker();
    return created;
  } catch (error) {
    return rethrowUniqueViolation(error, keys);
  }
}
