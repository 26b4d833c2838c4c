import "server-only";
import { requirePermission } from "@/lib/authz";
import { db, type Prisma } from "@/lib/db";
import type { ListParams, Page } from "@/lib/list-params";
import type { PolicySortKey } from "@/lib/schemas/policy";
import { approvalRuleOf, LIST_GROUP_PREVIEW } from "./shared";
import type { PolicySummary } from "./types";

function orderBy(sort: PolicySortKey, dir: "asc" | "desc"): Prisma.PolicyOrderByWithRelationInput[] {
  switch (sort) {
    case "app":
      return [{ app: { nameKey: dir } }, { nameKey: "asc" }, { id: "asc" }];
    case "createdAt":
      return [{ createdAt: dir }, { id: dir }];
    default:
      return [{ nameKey: dir }, { id: dir }];
  }
}

/** One page of policies with their app and first groups; `q` matches the policy name case-insensitively. */
export async function listPolicies(params: ListParams<PolicySortKey>): Promise<Page<PolicySummary>> {
  await requirePermission("policies:read");
  const q = params.q.trim().toLowerCase();
  const where: Prisma.PolicyWhereInput = q ? { nameKey: { contains: q } } : {};
  const [total, rows] = await Promise.all([
    db.policy.count({ where }),
    db.policy.findMany({
      where,
      orderBy: orderBy(params.sort, params.dir),
      skip: (params.page - 1) * params.pageSize,
      take: params.pageSize,
      select: {
        id: true,
        name: true,
        loginMethod: true,
        enabled: true,
        approvalRule: true,
        createdAt: true,
        app: { select: { id: true, name: true } },
        groups: {
          select: { group: { select: { id: true, name: true } } },
          orderBy: { group: { nameKey: "asc" } },
          take: LIST_GROUP_PREVIEW,
        },
        _count: { select: { groups: true } },
      },
    }),
  ]);
  return {
    rows: rows.map((p) => ({
      id: p.id,
      name: p.name,
      appId: p.app.id,
      appName: p.app.name,
      groups: p.groups.map((g) => g.group),
      groupCount: p._count.groups,
      loginMethod: p.loginMethod,
      enabled: p.enabled,
      approvalRule: approvalRuleOf(p.approvalRule),
      createdAt: p.createdAt,
    })),
    total,
    page: params.page,
    pageSize: params.pageSize,
  };
}

/** True when at least one app exists: the empty state says "Connect an app first" otherwise. */
export async function hasApps(): Promise<boolean> {
  await requirePermission("policies:read");
  return (await db.app.count()) > 0;
}
