import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError, NotFoundError } from "@/lib/errors";
import { parseFeatures } from "@/lib/provisioning/app-settings";
import { enqueueForUsers } from "@/lib/provisioning/enqueue";
import { wakeWorker } from "@/lib/provisioning/wake";
import { idField } from "@/lib/schemas/common";
import { conflictResolutionSchema, type ConflictResolutionInput } from "@/lib/schemas/reconcile";
import { parseCandidates } from "./list-sync";

const STATUS = { link: "linked", create: "created", skip: "skipped" } as const;

/**
 * Resolves one sync conflict. Link: the chosen account becomes the user's account in the app (the
 * worker then sends what differs). Create: the user gets an account the usual way (the worker still
 * looks the userName up first, so nothing is duplicated). Skip: the user is left alone and the same
 * choice is not asked again. Audited; a conflict already resolved by someone else is refused.
 */
export async function resolveConflict(conflictId: string, input: ConflictResolutionInput): Promise<{ status: string }> {
  const actor = await requirePermission("apps:write");
  const id = idField.parse(conflictId);
  const data = conflictResolutionSchema.parse(input);
  const result = await db.$transaction(async (tx) => {
    const conflict = await tx.syncConflict.findUnique({ where: { id }, include: { app: { select: { id: true, name: true, features: true } } } });
    if (!conflict) throw new NotFoundError("That conflict no longer exists. Reload the page.");
    if (conflict.status !== "open") throw new DomainError(`This conflict was already resolved (${conflict.status}) by ${conflict.resolvedBy ?? "someone else"}.`);
    const user = conflict.userId ? await tx.user.findUnique({ where: { id: conflict.userId }, select: { id: true, userName: true } }) : null;
    if (data.resolution !== "skip" && !user) throw new DomainError("The directory user of this conflict was deleted; Skip it.");
    const candidates = parseCandidates(conflict.candidates);
    const candidate = data.resolution === "link" ? candidates.find((c) => c.id === data.candidateId) : undefined;
    if (data.resolution === "link") {
      if (!candidate) throw new DomainError("Choose one of the listed accounts.", { candidateId: ["Choose one of the listed accounts."] });
      const taken = await tx.appAccount.findFirst({ where: { appId: conflict.appId, remoteId: candidate.id, NOT: { userId: user!.id } }, include: { user: { select: { userName: true } } } });
      if (taken) throw new DomainError(`That account is already linked to ${taken.user.userName}. Choose another, or Create a new account.`, { candidateId: ["Already linked to another user."] });
    }
    if (data.resolution === "create" && !parseFeatures(conflict.app.features).createUsers) {
      throw new DomainError(`Create users is off for ${conflict.app.name}. Turn it on under Provisioning, or Link or Skip.`);
    }
    const { count } = await tx.syncConflict.updateMany({ where: { id, status: "open" }, data: { status: STATUS[data.resolution], resolvedBy: actor.email, resolvedAt: new Date() } });
    if (count !== 1) throw new DomainError("Someone else resolved this conflict just now. Reload the page.");
    if (candidate && user) {
      // No record of a push yet: the worker compares with the app's current values and sends the difference.
      const link = { remoteId: candidate.id, state: candidate.active ? "active" : "deactivated", lastPushed: null, lastPushedHash: null, lastSyncAt: new Date(), lastError: null };
      await tx.appAccount.upsert({ where: { appId_userId: { appId: conflict.appId, userId: user.id } }, create: { appId: conflict.appId, userId: user.id, ...link }, update: link });
      await tx.provisioningEvent.create({
        data: {
          appId: conflict.appId,
          appName: conflict.app.name,
          userId: user.id,
          userIdentifier: user.userName,
          action: "link",
          outcome: "success",
          message: `${actor.email} linked the existing account ${candidate.userName} in ${conflict.app.name} to ${user.userName} (sync conflict).`,
          causedBy: actor.email,
        },
      });
    }
    if (user && data.resolution !== "skip") await enqueueForUsers(tx, [user.id], actor.email);
    await writeAudit(tx, actor, {
      action: `sync_conflict.${data.resolution}`,
      targetType: "app",
      targetId: conflict.appId,
      targetLabel: conflict.app.name,
      before: { user: conflict.userLabel, status: "open", reason: conflict.reason },
      after: { status: STATUS[data.resolution], ...(candidate ? { account: candidate.userName, remoteId: candidate.id } : {}) },
    });
    return { status: STATUS[data.resolution] };
  });
  wakeWorker();
  return result;
}
