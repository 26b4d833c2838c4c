import "server-only";
import type { Tx } from "@/lib/db";
import { changedAttributes } from "@/lib/provisioning/hash";
import { eventUserSearch } from "@/lib/provisioning/event-search";
import { loadDesiredState, loadScopedApps } from "@/lib/provisioning/desired-state";
import type { GatedOperation } from "@/lib/provisioning/gate-types";
import { DETAIL_CHANGES_CAP, DETAIL_LIST_CAP, mainOperation, summarize, type ApprovalDetail, type DetailChange, type DetailUser } from "./detail";
import type { EffectiveRule } from "./match-rules";

const HOUR_MS = 3_600_000;

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

// What an approver needs to judge a small change: each user's attribute changes, as the worker would push them.
async function attributeChanges(tx: Tx, appId: string, userOps: GatedOperation[]): Promise<Map<string, DetailChange[]>> {
  const changes = new Map<string, DetailChange[]>();
  const wanted = userOps.filter((o) => o.operation === "create" || o.operation === "update" || o.operation === "reactivate");
  if (wanted.length === 0 || userOps.length > DETAIL_CHANGES_CAP) return changes;
  const apps = await loadScopedApps(tx, [appId]);
  const entries = await loadDesiredState(tx, wanted.map((o) => o.subjectId), apps);
  for (const entry of entries) {
    if (!entry.resource) continue;
    const before = entry.account?.lastPushed ? parseJson(entry.account.lastPushed) : null;
    changes.set(entry.userId, changedAttributes(before, entry.resource));
  }
  return changes;
}

async function buildDetail(tx: Tx, appId: string, ops: GatedOperation[]): Promise<ApprovalDetail> {
  const userOps = ops.filter((o) => o.subjectType === "user");
  const groupOps = ops.filter((o) => o.subjectType === "group");
  const listedUsers = userOps.slice(0, DETAIL_LIST_CAP);
  const rows = await tx.user.findMany({ where: { id: { in: listedUsers.map((o) => o.subjectId) } }, select: { id: true, userName: true, email: true, displayName: true } });
  const byId = new Map(rows.map((u) => [u.id, u]));
  const changes = await attributeChanges(tx, appId, userOps);
  const users: DetailUser[] = listedUsers.map((o) => {
    const u = byId.get(o.subjectId);
    // A deleted user's row is gone: the label the job keeps is all there is.
    const base = { id: o.subjectId, userName: u?.userName ?? o.label, email: u?.email ?? "", displayName: u?.displayName ?? o.label, operation: o.operation };
    const c = changes.get(o.subjectId);
    return c ? { ...base, changes: c } : base;
  });
  const groups = groupOps.slice(0, DETAIL_LIST_CAP).map((o) => ({ id: o.subjectId, name: o.label, operation: o.operation }));
  const counts: Record<string, number> = {};
  for (const o of ops) counts[o.operation] = (counts[o.operation] ?? 0) + 1;
  const more = userOps.length - users.length + (groupOps.length - groups.length);
  return { users, groups, counts, more, changes: userOps.length === 1 ? (users[0]?.changes ?? []) : [] };
}

/**
 * Creates the one approval request for one app's share of one change, with a pending_approval event
 * per operation so the report shows the waiting work. Runs inside the change's transaction.
 */
export async function createApprovalRequest(tx: Tx, appId: string, ops: GatedOperation[], causedBy: string, rules: EffectiveRule[]): Promise<{ id: string }> {
  const app = await tx.app.findUniqueOrThrow({ where: { id: appId }, select: { name: true } });
  const now = new Date();
  const hasDelete = ops.some((o) => o.operation === "delete");
  const timeoutHours = Math.min(...rules.map((r) => r.timeoutHours));
  const summary = summarize(app.name, ops);
  const request = await tx.approvalRequest.create({
    data: {
      appId,
      appName: app.name,
      ruleId: rules.find((r) => r.ruleId)?.ruleId ?? null,
      summary,
      operation: mainOperation(ops),
      subjectCount: ops.length,
      detail: JSON.stringify(await buildDetail(tx, appId, ops)),
      requestedBy: causedBy,
      requiredApprovals: hasDelete && rules.some((r) => r.twoApproversForDelete) ? 2 : 1,
      expiresAt: new Date(now.getTime() + timeoutHours * HOUR_MS),
      channel: rules.find((r) => r.channel)?.channel ?? null,
      postState: "pending",
      nextPostAt: now,
    },
    select: { id: true },
  });
  for (let i = 0; i < ops.length; i += 500) {
    const part = ops.slice(i, i + 500);
    const people = await tx.user.findMany({ where: { id: { in: part.filter((o) => o.subjectType === "user").map((o) => o.subjectId) } }, select: { id: true, userName: true, email: true, displayName: true } });
    const person = new Map(people.map((u) => [u.id, u]));
    await tx.provisioningEvent.createMany({
      data: part.map((o) => ({
        at: now,
        appId,
        appName: app.name,
        subjectType: o.subjectType,
        userId: o.subjectType === "user" ? o.subjectId : null,
        userIdentifier: o.label,
        action: o.operation,
        outcome: "pending_approval",
        message: `Waiting for approval: ${summary}.`,
        approvalId: request.id,
        causedBy,
        userSearch: eventUserSearch(o.label, o.subjectType === "user" ? person.get(o.subjectId) : null),
      })),
    });
  }
  // No operator session inside the engine: the row names whoever caused the change.
  await tx.auditLog.create({
    data: {
      actorId: null,
      actorEmail: causedBy,
      action: "approval.request",
      targetType: "approval_request",
      targetId: request.id,
      targetLabel: summary,
      after: JSON.stringify({ status: "pending", appName: app.name, subjectCount: ops.length, expiresAt: new Date(now.getTime() + timeoutHours * HOUR_MS).toISOString() }),
    },
  });
  return request;
}
