import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { approvalRuleOf, loadPolicy } from "./shared";
import type { PolicyDetail } from "./types";

/** One policy with its app and groups (by name), or null when the id is malformed or unknown (the page shows 404). */
export async function getPolicy(policyId: string): Promise<PolicyDetail | null> {
  await requirePermission("policies:read");
  try {
    const p = await loadPolicy(db, policyId);
    return {
      id: p.id,
      name: p.name,
      appId: p.app.id,
      appName: p.app.name,
      groups: p.groups,
      loginMethod: p.loginMethod,
      enabled: p.enabled,
      approvalRule: approvalRuleOf(p.approvalRule),
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
