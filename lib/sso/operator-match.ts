import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { writeAudit } from "@/lib/audit";
import { db, Prisma, uniqueViolation, type Admin } from "@/lib/db";
import { hashPassword } from "@/lib/passwords";
import { isRole, type Role } from "@/lib/permissions";
import { actorOfAdmin } from "@/lib/sign-in/sign-in-flow";

/** Who the provider says signed in, reduced to what the console uses. */
export type SsoIdentity = { subject: string; email: string | null; emailVerified: boolean; name: string | null; amr: string[] };

export type SsoCreatePolicy = { createOnFirstSignIn: boolean; createRole: Role };

export type SsoDecision =
  | { kind: "sign-in"; admin: Admin }
  | { kind: "create"; email: string; name: string; role: Role }
  | { kind: "refuse"; code: "unknown-email" | "unverified-email" | "disabled"; admin: Admin | null };

const emailSchema = z.email().max(254);
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F]/g;

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

/**
 * The identity from the ID token's claims; `email` and `email_verified` come from userinfo only when
 * the ID token has no `email` (providers that keep profile claims out of the ID token).
 */
export function identityFromClaims(idToken: Record<string, unknown>, userinfo?: Record<string, unknown> | null): SsoIdentity {
  const source = text(idToken.email) === null && userinfo ? userinfo : idToken;
  const email = text(source.email);
  const amr = Array.isArray(idToken.amr) ? idToken.amr.filter((v): v is string => typeof v === "string").slice(0, 10) : [];
  const given = [text(idToken.given_name ?? userinfo?.given_name), text(idToken.family_name ?? userinfo?.family_name)].filter(Boolean).join(" ");
  return {
    subject: String(idToken.sub ?? ""),
    email: email && emailSchema.safeParse(email).success ? email.toLowerCase() : null,
    // Strictly the boolean true: a missing claim, "true" as text or false are all unverified.
    emailVerified: source.email_verified === true,
    name: text(idToken.name) ?? text(userinfo?.name) ?? (given || null),
    amr,
  };
}

/**
 * What an SSO sign-in by `identity` leads to, given the operator with that email (if any): a pure
 * decision, so the rules are tested without a provider. An email must be present and verified; it
 * matches an enabled operator; an unknown one is created only when the settings say so.
 */
export function decideSsoOperator(identity: SsoIdentity, existing: Admin | null, policy: SsoCreatePolicy): SsoDecision {
  if (!identity.email || !identity.emailVerified) return { kind: "refuse", code: "unverified-email", admin: existing };
  if (!existing) {
    if (!policy.createOnFirstSignIn) return { kind: "refuse", code: "unknown-email", admin: null };
    const name = (identity.name ?? identity.email.split("@")[0]).replace(CONTROL_CHARS, " ").trim().slice(0, 128) || identity.email;
    return { kind: "create", email: identity.email, name, role: policy.createRole };
  }
  if (existing.disabled || !isRole(existing.role)) return { kind: "refuse", code: "disabled", admin: existing };
  return { kind: "sign-in", admin: existing };
}

/**
 * The operator whose email equals `email` ignoring case. Emails are stored lower-cased, but a row
 * written otherwise still matches; when two rows differ only by case, the lower-cased one wins.
 */
export async function findOperatorByEmail(email: string | null): Promise<Admin | null> {
  if (!email) return null;
  const lower = email.toLowerCase();
  const exact = await db.admin.findUnique({ where: { email: lower } });
  if (exact) return exact;
  const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT "id" FROM "Admin" WHERE LOWER("email") = ${lower}`);
  return rows.length === 1 ? db.admin.findUnique({ where: { id: rows[0].id } }) : null;
}

/**
 * Creates an operator for a first SSO sign-in: a random password hash nobody knows, audited as the
 * operator's own act. Null when the email was taken meanwhile (a racing first sign-in, an admin).
 */
async function createSsoOperator(decision: Extract<SsoDecision, { kind: "create" }>, issuer: string): Promise<Admin | null> {
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  try {
    return await db.$transaction(async (tx) => {
      const admin = await tx.admin.create({ data: { email: decision.email, name: decision.name, role: decision.role, passwordHash } });
      await writeAudit(tx, actorOfAdmin(admin), {
        action: "admin.create",
        targetType: "admin",
        targetId: admin.id,
        targetLabel: admin.email,
        after: { name: admin.name, email: admin.email, role: admin.role, disabled: false, slackUserId: null, createdBy: "sso", issuer },
      });
      return admin;
    });
  } catch (error) {
    if (uniqueViolation(error)) return null;
    throw error;
  }
}

/** Finds (or, when allowed, creates) the operator an SSO identity signs in as, or says why not. */
export async function resolveSsoOperator(
  identity: SsoIdentity,
  policy: SsoCreatePolicy & { issuer: string },
): Promise<{ ok: true; admin: Admin; created: boolean } | { ok: false; code: "unknown-email" | "unverified-email" | "disabled"; admin: Admin | null }> {
  const decision = decideSsoOperator(identity, await findOperatorByEmail(identity.email), policy);
  if (decision.kind === "refuse") return { ok: false, code: decision.code, admin: decision.admin };
  if (decision.kind === "sign-in") return { ok: true, admin: decision.admin, created: false };
  const created = await createSsoOperator(decision, policy.issuer);
  if (created) return { ok: true, admin: created, created: true };
  // The email was taken meanwhile: the rules apply to whoever holds it now (disabled stays refused).
  const again = decideSsoOperator(identity, await findOperatorByEmail(identity.email), { ...policy, createOnFirstSignIn: false });
  return again.kind === "sign-in" ? { ok: true, admin: again.admin, created: false } : { ok: false, code: again.kind === "refuse" ? again.code : "unknown-email", admin: again.kind === "refuse" ? again.admin : null };
}
