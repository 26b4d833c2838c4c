import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import type { Role } from "@/lib/permissions";
import { secondFactorRequirementSchema } from "@/lib/schemas/operator-factors";

/** Who must use a second factor: Settings > Sign-in. Default "admins". */
export type SecondFactorRequirement = "admins" | "everyone" | "nobody";
export const SECOND_FACTOR_REQUIREMENTS: SecondFactorRequirement[] = ["admins", "everyone", "nobody"];
export const SECOND_FACTOR_SETTING_KEY = "signIn.secondFactorRequiredFor";

/** The stored requirement, or "admins" when unset or unreadable (no permission check: sign-in reads it). */
export async function readSecondFactorRequirement(): Promise<SecondFactorRequirement> {
  const row = await db.setting.findUnique({ where: { key: SECOND_FACTOR_SETTING_KEY } });
  const value = row ? (JSON.parse(row.value) as unknown) : null;
  return SECOND_FACTOR_REQUIREMENTS.includes(value as SecondFactorRequirement) ? (value as SecondFactorRequirement) : "admins";
}

/** True when an operator of `role` must have a second factor under `requirement`. */
export function secondFactorRequired(role: Role | string, requirement: SecondFactorRequirement): boolean {
  return requirement === "everyone" || (requirement === "admins" && role === "admin");
}

/** The second factors an operator has set up. */
export async function secondFactorsOf(adminId: string): Promise<{ totp: boolean; passkeys: number }> {
  const [admin, passkeys] = await Promise.all([
    db.admin.findUnique({ where: { id: adminId }, select: { totpEnabledAt: true } }),
    db.passkey.count({ where: { adminId } }),
  ]);
  return { totp: Boolean(admin?.totpEnabledAt), passkeys };
}

/** Settings > Sign-in: the requirement, who set it and when (admins). */
export async function secondFactorRequirementSetting(): Promise<{ requirement: SecondFactorRequirement; updatedAt: string | null; updatedBy: string | null }> {
  await requirePermission("admins:read");
  const [requirement, row] = await Promise.all([readSecondFactorRequirement(), db.setting.findUnique({ where: { key: SECOND_FACTOR_SETTING_KEY } })]);
  return { requirement, updatedAt: row?.updatedAt.toISOString() ?? null, updatedBy: row?.updatedBy ?? null };
}

/**
 * Sets who must use a second factor (admins:write; audited). Operators it newly covers who have no
 * factor are taken to set one up at their next sign-in; open sessions are left alone.
 */
export async function setSecondFactorRequirement(input: unknown): Promise<{ requirement: SecondFactorRequirement }> {
  const actor = await requirePermission("admins:write");
  const { requirement } = secondFactorRequirementSchema.parse(input);
  const before = await readSecondFactorRequirement();
  const stored = await db.setting.findUnique({ where: { key: SECOND_FACTOR_SETTING_KEY } });
  if (stored && before === requirement) return { requirement };
  await db.$transaction(async (tx) => {
    const value = JSON.stringify(requirement);
    await tx.setting.upsert({
      where: { key: SECOND_FACTOR_SETTING_KEY },
      create: { key: SECOND_FACTOR_SETTING_KEY, value, updatedBy: actor.email },
      update: { value, updatedBy: actor.email },
    });
    await writeAudit(tx, actor, {
      action: "settings.second-factor.updated",
      targetType: "setting",
      targetId: SECOND_FACTOR_SETTING_KEY,
      targetLabel: "Second factor requirement",
      before: { requirement: before },
      after: { requirement },
    });
  });
  return { requirement };
}
