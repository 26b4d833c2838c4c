import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { idField } from "@/lib/schemas/common";
import type { AccountState, JobOperation, JobStatus } from "./types";

/** One app on a user's page: the account link (if any), why the user is in scope, and the latest job. */
export type UserAppAccount = {
  appId: string;
  appName: string;
  /** Member of a group of an enabled policy of the app, and active. */
  inScope: boolean;
  /** The enabled policies that grant the app to one of the user's groups. */
  grantedBy: { policyId: string; policyName: string }[];
  account: {
    state: AccountState;
    remoteId: string | null;
    lastSyncAt: string | null;
    lastError: string | null;
  } | null;
  latestJob: {
    id: string;
    operation: JobOperation;
    status: JobStatus;
    attempts: number;
    lastError: string | null;
    updatedAt: string;
  } | null;
};

/**
 * Every app the user holds an account in or is in scope of (via an enabled policy on one of their
 * groups), by app name, with the account state and the latest provisioning job for the user there.
 */
export async function listUserAppAccounts(userId: string): Promise<UserAppAccount[]> {
  await requirePermission("users:read");
  const id = idField.safeParse(userId);
  if (!id.success) throw new NotFoundError();
  const user = await db.user.findUnique({ where: { id: id.data }, select: { id: true, active: true, memberships: { select: { groupId: true } } } });
  if (!user) throw new NotFoundError();
  const groupIds = user.memberships.map((m) => m.groupId);

  const [policies, accounts] = await Promise.all([
    groupIds.length === 0
      ? Promise.resolve([])
      : db.policy.findMany({
          where: { enabled: true, groups: { some: { groupId: { in: groupIds } } } },
          select: { id: true, name: true, appId: true, app: { select: { name: true } } },
          orderBy: { nameKey: "asc" },
        }),
    db.appAccount.findMany({
      where: { userId: user.id },
      select: { appId: true, state: true, remoteId: true, lastSyncAt: true, lastError: true, app: { select: { name: true } } },
    }),
  ]);

  const byApp = new Map<string, UserAppAccount>();
  const entry = (appId: string, appName: string): UserAppAccount => {
    let found = byApp.get(appId);
    if (!found) {
      found = { appId, appName, inScope: false, grantedBy: [], account: null, latestJob: null };
      byApp.set(appId, found);
    }
    return found;
  };
  for (const p of policies) {
    const e = entry(p.appId, p.app.name);
    e.inScope = user.active;
    e.grantedBy.push({ policyId: p.id, policyName: p.name });
  }
  for (const a of accounts) {
    entry(a.appId, a.app.name).account = {
      state: a.state as AccountState,
      remoteId: a.remoteId,
      lastSyncAt: a.lastSyncAt?.toISOString() ?? null,
      lastError: a.lastError,
    };
  }
  if (byApp.size === 0) return [];

  // One look-up per app (a user is in a handful of apps) instead of reading every job the user ever had.
  const latest = await Promise.all(
    [...byApp.keys()].map((appId) =>
      db.provisioningJob.findFirst({
        where: { subjectType: "user", subjectId: user.id, appId },
        select: { id: true, appId: true, operation: true, status: true, attempts: true, lastError: true, updatedAt: true },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      }),
    ),
  );
  for (const job of latest) {
    const e = job ? byApp.get(job.appId) : undefined;
    if (!job || !e) continue;
    e.latestJob = {
      id: job.id,
      operation: job.operation as JobOperation,
      status: job.status as JobStatus,
      attempts: job.attempts,
      lastError: job.lastError,
      updatedAt: job.updatedAt.toISOString(),
    };
  }
  return [...byApp.values()].sort((a, b) => a.appName.localeCompare(b.appName, "en", { sensitivity: "base" }) || a.appId.localeCompare(b.appId));
}
