import "server-only";
import type { Tx } from "@/lib/db";
import { mapUserToScim, type ConsoleUser } from "@/lib/scim/mapping";
import type { ScimUser } from "@/lib/scim/types";
import { parseAppSettings, type AppRow } from "./app-settings";
import { hashResource } from "./hash";
import type { AccountState, AppFeatures, AppSettings, DeprovisionMode } from "./types";

/** Rows per `in (...)` lookup: well under SQLite's and PostgreSQL's bind limits. */
export const BATCH_SIZE = 500;

/** A hypothetical change applied in memory, for the impact preview (and user deletion, before the rows go). */
export type ScopeOverlay = {
  /** A policy as it would be saved; without policyId it is a new policy. */
  policy?: { policyId?: string | null; appId: string; groupIds: string[]; enabled: boolean };
  membership?: { groupId: string; addUserIds: string[]; removeUserIds: string[] };
  appFeatures?: { appId: string; features: AppFeatures; deprovisionMode: DeprovisionMode };
  /** Users about to be deleted: out of scope everywhere. */
  removedUserIds?: ReadonlySet<string>;
};

/** An app with its parsed settings and the groups whose members are in its scope. */
export type ScopedApp = { row: AppRow; settings: AppSettings; groupIds: Set<string> };

/** The account link columns the engine reads. */
export type AccountRow = {
  id: string;
  appId: string;
  userId: string;
  remoteId: string | null;
  state: string;
  lastPushed: string | null;
  lastPushedHash: string | null;
};

/** One (app, user) pair that is in scope or has an account: what the planner needs and what to push. */
export type DesiredEntry = {
  app: ScopedApp;
  userId: string;
  userName: string;
  inScope: boolean;
  /** null when the user no longer exists. */
  user: ConsoleUser | null;
  account: AccountRow | null;
  /** The SCIM resource the mapping produces now; null when the user is gone or the mapping fails. */
  resource: ScimUser | null;
  desiredHash: string;
};

const APP_SELECT = {
  id: true,
  name: true,
  kind: true,
  baseUrl: true,
  credentialsEnc: true,
  features: true,
  deprovisionMode: true,
  mapping: true,
  capabilities: true,
} as const;

/** Splits a list into batches of BATCH_SIZE. */
export function batches<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Apps (all, or the given ones) with the groups of their enabled policies, overlay applied. */
export async function loadScopedApps(tx: Tx, appIds?: readonly string[], overlay: ScopeOverlay = {}): Promise<ScopedApp[]> {
  const rows = await tx.app.findMany({
    where: appIds ? { id: { in: [...appIds] } } : undefined,
    select: { ...APP_SELECT, policies: { select: { id: true, enabled: true, groups: { select: { groupId: true } } } } },
  });
  return rows.map(({ policies, ...row }) => {
    const groupIds = new Set<string>();
    for (const policy of policies) {
      if (overlay.policy?.policyId === policy.id) continue; // replaced by the overlay below
      if (policy.enabled) for (const g of policy.groups) groupIds.add(g.groupId);
    }
    if (overlay.policy && overlay.policy.appId === row.id && overlay.policy.enabled) for (const g of overlay.policy.groupIds) groupIds.add(g);
    let settings = parseAppSettings(row);
    if (overlay.appFeatures?.appId === row.id) {
      settings = { ...settings, features: overlay.appFeatures.features, deprovisionMode: overlay.appFeatures.deprovisionMode };
    }
    return { row, settings, groupIds };
  });
}

function parseCustom(text: string): ConsoleUser["customAttributes"] {
  try {
    const raw = JSON.parse(text) as unknown;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return {};
    const out: NonNullable<ConsoleUser["customAttributes"]> = {};
    for (const [k, v] of Object.entries(raw)) if (["string", "number", "boolean"].includes(typeof v)) out[k] = v as string | number | boolean;
    return out;
  } catch {
    return {};
  }
}

/** Users among `userIds` that could matter to any of `apps`: members of a scoped group, or holding an account. */
async function relevantUserIds(tx: Tx, userIds: readonly string[], apps: ScopedApp[], overlay: ScopeOverlay, keep: ReadonlySet<string>): Promise<string[]> {
  const groupIds = [...new Set(apps.flatMap((a) => [...a.groupIds]))];
  const appIds = apps.map((a) => a.row.id);
  const found = new Set<string>();
  for (const part of batches(userIds)) {
    if (groupIds.length > 0) {
      const members = await tx.groupMember.findMany({ where: { userId: { in: part }, groupId: { in: groupIds } }, select: { userId: true } });
      for (const m of members) found.add(m.userId);
    }
    const accounts = await tx.appAccount.findMany({ where: { userId: { in: part }, appId: { in: appIds } }, select: { userId: true } });
    for (const a of accounts) found.add(a.userId);
  }
  // Users the overlay adds to a scoped group are relevant even though the membership is not stored yet.
  const added = overlay.membership && groupIds.includes(overlay.membership.groupId) ? new Set(overlay.membership.addUserIds) : null;
  for (const key of keep) found.add(key.slice(key.indexOf(":") + 1));
  return userIds.filter((id) => found.has(id) || added?.has(id));
}

/**
 * The desired state of `userIds` in `apps`: one entry per (app, user) pair that is in scope or has an
 * account. Batched by 500 users; runs inside the caller's transaction. `prefilter: false` skips the
 * queries that first narrow the users to relevant ones (the worker's subjects nearly all are); the
 * entries are the same either way. `keep` ("appId:userId") adds pairs out of scope with no account (users
 * whose job is in flight: that job may leave an account behind).
 */
export async function loadDesiredState(
  tx: Tx,
  userIds: readonly string[],
  apps: ScopedApp[],
  overlay: ScopeOverlay = {},
  options: { prefilter?: boolean; keep?: ReadonlySet<string> } = {},
): Promise<DesiredEntry[]> {
  const keep = options.keep ?? new Set<string>();
  if (apps.length === 0 || userIds.length === 0) return [];
  const appIds = apps.map((a) => a.row.id);
  const unique = [...new Set(userIds)];
  const relevant = options.prefilter === false ? unique : await relevantUserIds(tx, unique, apps, overlay, keep);
  const entries: DesiredEntry[] = [];
  const adding = new Set(overlay.membership?.addUserIds ?? []);
  const removing = new Set(overlay.membership?.removeUserIds ?? []);
  for (const part of batches(relevant)) {
    const users = await tx.user.findMany({
      where: { id: { in: part } },
      include: { memberships: { select: { groupId: true } }, manager: { select: { id: true, userName: true } } },
    });
    const accounts = await tx.appAccount.findMany({
      where: { userId: { in: part }, appId: { in: appIds } },
      select: { id: true, appId: true, userId: true, remoteId: true, state: true, lastPushed: true, lastPushedHash: true },
    });
    const managerIds = [...new Set(users.flatMap((u) => (u.manager ? [u.manager.id] : [])))];
    const managerAccounts = managerIds.length
      ? await tx.appAccount.findMany({ where: { userId: { in: managerIds }, appId: { in: appIds }, remoteId: { not: null } }, select: { appId: true, userId: true, remoteId: true } })
      : [];
    const accountOf = new Map(accounts.map((a) => [`${a.appId}:${a.userId}`, a]));
    const managerRemote = new Map(managerAccounts.map((a) => [`${a.appId}:${a.userId}`, a.remoteId]));
    const usersById = new Map(users.map((u) => [u.id, u]));

    for (const userId of part) {
      const u = usersById.get(userId);
      const groups = new Set(u?.memberships.map((m) => m.groupId) ?? []);
      if (overlay.membership) {
        if (adding.has(userId)) groups.add(overlay.membership.groupId);
        if (removing.has(userId)) groups.delete(overlay.membership.groupId);
      }
      const active = !!u?.active && !overlay.removedUserIds?.has(userId);
      const consoleUser: ConsoleUser | null = u
        ? {
            id: u.id,
            userName: u.userName,
            email: u.email,
            firstName: u.firstName,
            lastName: u.lastName,
            displayName: u.displayName,
            title: u.title,
            department: u.department,
            phone: u.phone,
            employeeNumber: u.employeeNumber,
            managerUserName: u.manager?.userName ?? null,
            active: u.active,
            customAttributes: parseCustom(u.customAttributes),
          }
        : null;
      for (const app of apps) {
        const inScope = active && [...groups].some((g) => app.groupIds.has(g));
        const account = accountOf.get(`${app.row.id}:${userId}`) ?? null;
        if (!inScope && !account && !keep.has(`${app.row.id}:${userId}`)) continue;
        let resource: ScimUser | null = null;
        if (consoleUser) {
          try {
            const managerRemoteId = u?.manager ? (managerRemote.get(`${app.row.id}:${u.manager.id}`) ?? null) : null;
            resource = mapUserToScim(consoleUser, app.settings.mapping, { managerRemoteId });
          } catch {
            resource = null; // a broken mapping surfaces when the worker acts, with its message
          }
        }
        entries.push({
          app,
          userId,
          userName: u?.userName ?? "",
          inScope,
          user: consoleUser,
          account,
          resource,
          desiredHash: resource ? hashResource(resource) : "",
        });
      }
    }
  }
  return entries;
}

/** The planner's view of an account row. */
export function planAccount(account: AccountRow | null): { state: AccountState; remoteId: string | null; lastPushedHash: string | null } | null {
  if (!account) return null;
  return { state: account.state as AccountState, remoteId: account.remoteId, lastPushedHash: account.lastPushedHash };
}

/** Ids of users in scope of the app (members of its policy groups) or holding an account in it. */
export async function appUserIds(tx: Tx, app: ScopedApp, overlay: ScopeOverlay = {}): Promise<string[]> {
  const ids = new Set<string>();
  const groupIds = [...app.groupIds];
  for (const part of batches(groupIds)) {
    const members = await tx.groupMember.findMany({ where: { groupId: { in: part } }, select: { userId: true }, distinct: ["userId"] });
    for (const m of members) ids.add(m.userId);
  }
  const accounts = await tx.appAccount.findMany({ where: { appId: app.row.id }, select: { userId: true } });
  for (const a of accounts) ids.add(a.userId);
  if (overlay.membership && app.groupIds.has(overlay.membership.groupId)) for (const id of overlay.membership.addUserIds) ids.add(id);
  return [...ids];
}
