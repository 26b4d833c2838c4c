import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { enqueueForUsers } from "@/lib/provisioning/enqueue";
import { wakeWorker } from "@/lib/provisioning/wake";
import { displayNameOf, userInputSchema, userSearchText, type UserInputRaw } from "@/lib/schemas/user";
import { auditSnapshot } from "./user-shape";
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
      const displayName = displayNameOf(input);
      const user = await tx.user.create({
        data: {
          userName: input.userName,
          userNameKey: keys.userNameKey,
          email: input.email,
          firstName: input.firstName,
          lastName: input.lastName,
          displayName,
          title: input.title ?? null,
          department: input.department ?? null,
          phone: input.phone ?? null,
          employeeNumber: input.employeeNumber ?? null,
          managerId: input.managerId ?? null,
          customAttributes: JSON.stringify(input.customAttributes),
          searchText: userSearchText({ ...input, displayName }),
        },
      });
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
