import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { encryptSecret, secretHint } from "@/lib/crypto";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { Role } from "@/lib/permissions";
import { SSO_CLIENT_SECRET_REQUIRED, ssoSettingsSchema, ssoTestSchema, type SsoClientAuth } from "@/lib/schemas/sso";
import { breakGlassEmail, publicSettingsOf, readSsoState, SSO_SETTING_KEY, ssoCallbackUrl, type SsoEnv, type StoredSso } from "./config";
import { describeProvider, forgetDiscovery, SsoProviderError, type ProviderReport } from "./provider";

/** Settings > Sign-in > Single sign-on as the page shows it: never the client secret, only its hint. */
export type SsoSettingsView = {
  source: "environment" | "settings" | "none";
  /** SSO can be used for sign-in now. */
  configured: boolean;
  /** Why the configuration in force cannot be used (an invalid environment, an unreadable secret). */
  problem: string | null;
  issuer: string;
  clientId: string;
  clientSecretHint: string | null;
  clientAuth: SsoClientAuth;
  displayName: string;
  createOnFirstSignIn: boolean;
  createRole: Role;
  ssoOnly: boolean;
  breakGlassEmail: string | null;
  callbackUrl: string;
  updatedBy: string | null;
  updatedAt: string | null;
};

export const ENVIRONMENT_OWNS_SSO = "Single sign-on is configured in the environment (SSO_ISSUER, SSO_CLIENT_ID, SSO_CLIENT_SECRET …). Change it there and restart the console.";

/** The section's content, without secrets. */
export async function getSsoSettings(env: SsoEnv = process.env): Promise<SsoSettingsView> {
  await requirePermission("admins:read");
  const state = await readSsoState(env);
  const shown = state.config ?? state.stored;
  const hint = state.config ? (state.stored?.clientSecretHint ?? secretHint(state.config.clientSecret)) : (state.stored?.clientSecretHint ?? null);
  return {
    source: state.source,
    configured: state.config !== null,
    problem: state.problem,
    issuer: shown?.issuer ?? "",
    clientId: shown?.clientId ?? "",
    clientSecretHint: hint,
    clientAuth: shown?.clientAuth ?? "basic",
    displayName: shown?.displayName ?? "",
    createOnFirstSignIn: shown?.createOnFirstSignIn ?? false,
    createRole: shown?.createRole ?? "auditor",
    ssoOnly: shown?.ssoOnly ?? false,
    breakGlassEmail: breakGlassEmail(env),
    callbackUrl: ssoCallbackUrl(),
    updatedBy: state.updatedBy,
    updatedAt: state.updatedAt?.toISOString() ?? null,
  };
}

/** What the audit log keeps of the settings: everything but the secret (not even its hint). */
function visible(stored: StoredSso | null) {
  return stored ? publicSettingsOf(stored) : null;
}

/**
 * Saves the single sign-on settings. The secret is write-only: blank keeps the stored one. Audited as
 * "settings.sso.updated" (without the secret), plus "settings.sso.secret.replaced" when it changes.
 * Refused while the environment configures SSO.
 */
export async function saveSsoSettings(raw: unknown, env: SsoEnv = process.env): Promise<SsoSettingsView> {
  const actor = await requirePermission("admins:write");
  const input = ssoSettingsSchema.parse(raw);
  const state = await readSsoState(env);
  if (state.source === "environment") throw new DomainError(ENVIRONMENT_OWNS_SSO);
  const current = state.source === "settings" ? state.stored : null;
  const currentSecret = state.source === "settings" ? (state.config?.clientSecret ?? null) : null;
  const secret = input.clientSecret ?? currentSecret;
  if (!secret) throw new DomainError("Enter the client secret.", { clientSecret: [SSO_CLIENT_SECRET_REQUIRED] });
  const secretChanged = secret !== currentSecret;

  const next: StoredSso = {
    ...publicSettingsOf(input),
    clientSecretEnc: secretChanged || !current ? encryptSecret(secret) : current.clientSecretEnc,
    clientSecretHint: secretChanged || !current ? secretHint(secret) : current.clientSecretHint,
  };
  await db.$transaction(async (tx) => {
    const value = JSON.stringify(next);
    await tx.setting.upsert({ where: { key: SSO_SETTING_KEY }, create: { key: SSO_SETTING_KEY, value, updatedBy: actor.email }, update: { value, updatedBy: actor.email } });
    await writeAudit(tx, actor, {
      action: "settings.sso.updated",
      targetType: "setting",
      targetId: SSO_SETTING_KEY,
      targetLabel: "Single sign-on",
      before: visible(current),
      after: { ...visible(next), clientSecretChanged: secretChanged },
    });
    if (secretChanged) {
      await writeAudit(tx, actor, {
        action: "settings.sso.secret.replaced",
        targetType: "setting",
        targetId: SSO_SETTING_KEY,
        targetLabel: "Single sign-on client secret",
        before: { secretSet: currentSecret !== null },
        after: { secretSet: true },
      });
    }
  });
  forgetDiscovery(current?.issuer);
  forgetDiscovery(next.issuer);
  return getSsoSettings(env);
}

/** Turns single sign-on off: forgets the stored settings (password sign-in works for everyone again). */
export async function removeSsoSettings(env: SsoEnv = process.env): Promise<SsoSettingsView> {
  const actor = await requirePermission("admins:write");
  const state = await readSsoState(env);
  if (state.source === "environment") throw new DomainError(ENVIRONMENT_OWNS_SSO);
  if (state.source === "none") return getSsoSettings(env);
  await db.$transaction(async (tx) => {
    await tx.setting.deleteMany({ where: { key: SSO_SETTING_KEY } });
    await writeAudit(tx, actor, { action: "settings.sso.removed", targetType: "setting", targetId: SSO_SETTING_KEY, targetLabel: "Single sign-on", before: visible(state.stored) });
  });
  forgetDiscovery();
  return getSsoSettings(env);
}

/**
 * Test: runs discovery for the issuer typed in the form (or the one in force when blank) and reports
 * the provider's issuer and endpoints, or a readable reason it cannot be used. Changes nothing.
 */
export async function testSsoProvider(raw: { issuer?: string }, env: SsoEnv = process.env): Promise<ProviderReport> {
  await requirePermission("admins:write");
  const typed = raw.issuer?.trim();
  const issuer = typed || (await readSsoState(env)).config?.issuer;
  if (!issuer) throw new DomainError("Enter the issuer URL to test.", { issuer: ["Enter the issuer URL to test."] });
  const input = ssoTestSchema.parse({ issuer });
  try {
    return await describeProvider(input.issuer);
  } catch (error) {
    if (error instanceof SsoProviderError) throw new DomainError(error.message, { issuer: [error.message] });
    throw error;
  }
}
