import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/permissions";

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
