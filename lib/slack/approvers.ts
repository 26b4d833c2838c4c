import "server-only";
import { requirePermission } from "@/lib/authz";
import { writeAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { DomainError, NotFoundError } from "@/lib/errors";
import type { ListParams, Page } from "@/lib/list-params";
import { PERMISSIONS, type Role } from "@/lib/permissions";
import { idField } from "@/lib/schemas/common";
import { approverLinkSchema, type ApproverSortKey } from "@/lib/schemas/slack";
import { approvalsClient, loadSlackConfig } from "./settings";
import { describeSlackError, platformErrorCode } from "./slack-errors";

/** One operator who may decide approvals, with the Slack user their clicks come from. */
export type ApproverRow = { id: string; name: string; email: string; role: Role; disabled: boolean; slackUserId: string | null };

const DECIDING_ROLES = PERMISSIONS["approvals:decide"].roles as readonly Role[];
const SELECT = { id: true, name: true, email: true, role: true, disabled: true, slackUserId: true } as const;

/** One page of operators whose role may decide approvals, searched by name, email or Slack id. */
export async function listApprovers(params: ListParams<ApproverSortKey>): Promise<Page<ApproverRow>> {
  await requirePermission("admins:read");
  // Operators are tens, not thousands (as in listAdmins): filter and cut the page here.
  const all = (await db.admin.findMany({ where: { role: { in: [...DECIDING_ROLES] } }, select: SELECT })) as ApproverRow[];
  const q = params.q.toLowerCase();
  const rows = q ? all.filter((a) => [a.name, a.email, a.slackUserId ?? ""].some((v) => v.toLowerCase().includes(q))) : all;
  const key = params.sort;
  const sign = params.dir === "desc" ? -1 : 1;
  rows.sort((a, b) => sign * (a[key] ?? "").localeCompare(b[key] ?? "", "en", { sensitivity: "base" }) || a.email.localeCompare(b.email, "en"));
  const start = (params.page - 1) * params.pageSize;
  return { rows: rows.slice(start, start + params.pageSize), total: rows.length, page: params.page, pageSize: params.pageSize };
}

async function setLink(adminId: string, slackUserId: string | null, how: "email" | "manual"): Promise<ApproverRow> {
  const actor = await requirePermission("admins:write");
  return db.$transaction(async (tx) => {
    const current = await tx.admin.findUnique({ where: { id: adminId }, select: SELECT });
    if (!current) throw new NotFoundError("That operator no longer exists. Reload the page.");
    if (slackUserId) {
      // One Slack user clicks for one operator: otherwise whose decision a click is would be ambiguous.
      const other = await tx.admin.findFirst({ where: { slackUserId, NOT: { id: adminId } }, select: { email: true } });
      if (other) throw new DomainError(`Slack user ${slackUserId} is already linked to ${other.email}.`, { slackUserId: [`Already linked to ${other.email}; unlink it there first.`] });
    }
    const next = await tx.admin.update({ where: { id: adminId }, data: { slackUserId }, select: SELECT });
    await writeAudit(tx, actor, {
      action: slackUserId ? "admin.slack.link" : "admin.slack.unlink",
      targetType: "admin",
      targetId: adminId,
      targetLabel: current.email,
      before: { slackUserId: current.slackUserId },
      after: { slackUserId, how },
    });
    return next as ApproverRow;
  });
}

/** Links an operator to the Slack user with the same email (users.lookupByEmail). */
export async function linkApproverByEmail(adminId: string): Promise<ApproverRow> {
  await requirePermission("admins:write");
  const id = idField.parse(adminId);
  const admin = await db.admin.findUnique({ where: { id }, select: { email: true } });
  if (!admin) throw new NotFoundError("That operator no longer exists. Reload the page.");
  const config = await loadSlackConfig();
  if (!config) throw new DomainError("Slack is not configured yet: save the bot token above first, or enter the member id by hand.");
  let slackUserId: string;
  try {
    const reply = await approvalsClient(config.botToken).users.lookupByEmail({ email: admin.email });
    slackUserId = String(reply.user?.id ?? "");
  } catch (error) {
    if (platformErrorCode(error) === "users_not_found") {
      throw new DomainError(`No Slack user has the email ${admin.email}. Enter their member id by hand (Slack profile > Copy member ID).`);
    }
    throw new DomainError(`Slack could not look up ${admin.email}: ${describeSlackError(error)}.`);
  }
  if (!slackUserId) throw new DomainError(`Slack returned no user for ${admin.email}.`);
  return setLink(id, slackUserId, "email");
}

/** Sets (or, with an empty id, removes) an operator's Slack member id by hand. */
export async function setApproverSlackUser(raw: { adminId: unknown; slackUserId: unknown }): Promise<ApproverRow> {
  await requirePermission("admins:write");
  const input = approverLinkSchema.parse(raw);
  return setLink(input.adminId, input.slackUserId ?? null, "manual");
}
