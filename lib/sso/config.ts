import "server-only";
import { z } from "zod";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { publicBaseUrl } from "@/lib/oauth/config";
import type { Role } from "@/lib/permissions";
import { ssoSettingsSchema, type SsoClientAuth } from "@/lib/schemas/sso";

/** The Setting row of Settings > Sign-in > Single sign-on. */
export const SSO_SETTING_KEY = "signIn.sso";

/** The environment variables that configure single sign-on; when SSO_ISSUER, SSO_CLIENT_ID or SSO_CLIENT_SECRET is set they win over Settings. */
export const SSO_ENV_NAMES = ["SSO_ISSUER", "SSO_CLIENT_ID", "SSO_CLIENT_SECRET", "SSO_CLIENT_AUTH", "SSO_DISPLAY_NAME", "SSO_ONLY", "SSO_CREATE_ROLE"] as const;

export const DEFAULT_DISPLAY_NAME = "single sign-on";

/** The environment the configuration is read from (process.env; tests pass their own). */
export type SsoEnv = Record<string, string | undefined>;

/** A complete, valid single sign-on configuration (with the decrypted secret: never to a page or log). */
export type SsoConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  clientAuth: SsoClientAuth;
  displayName: string;
  /** Operators unknown to the console are created on their first SSO sign-in, with `createRole`. */
  createOnFirstSignIn: boolean;
  createRole: Role;
  /** Password sign-in is refused, except for the break-glass admin (SSO_BREAK_GLASS_EMAIL). */
  ssoOnly: boolean;
};

/** What the Setting row holds (JSON): the secret only encrypted, with its hint. */
export type StoredSso = Omit<SsoConfig, "clientSecret"> & { clientSecretEnc: string; clientSecretHint: string };

export type SsoSource = "environment" | "settings" | "none";

/** The configuration in force, where it comes from, and why it cannot be used when it cannot. */
export type SsoState = {
  source: SsoSource;
  config: SsoConfig | null;
  problem: string | null;
  stored: StoredSso | null;
  updatedBy: string | null;
  updatedAt: Date | null;
};

const TRUE_WORDS = ["1", "true", "yes", "on"];

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "value"}: ${issue.message}` : "invalid";
}

/** The configuration from the environment, or a problem to show when it is incomplete or invalid; null when none is set. */
export function ssoFromEnvironment(env: SsoEnv = process.env): { config: SsoConfig | null; problem: string | null } | null {
  const value = (name: string) => env[name]?.trim() ?? "";
  if (!value("SSO_ISSUER") && !value("SSO_CLIENT_ID") && !value("SSO_CLIENT_SECRET")) return null;
  const role = value("SSO_CREATE_ROLE");
  const parsed = ssoSettingsSchema.safeParse({
    issuer: value("SSO_ISSUER"),
    clientId: value("SSO_CLIENT_ID"),
    clientSecret: value("SSO_CLIENT_SECRET"),
    clientAuth: value("SSO_CLIENT_AUTH") || undefined,
    displayName: value("SSO_DISPLAY_NAME") || DEFAULT_DISPLAY_NAME,
    createOnFirstSignIn: role !== "",
    createRole: role || undefined,
    ssoOnly: TRUE_WORDS.includes(value("SSO_ONLY").toLowerCase()),
  });
  if (!parsed.success) {
    const names: Record<string, string> = { issuer: "SSO_ISSUER", clientId: "SSO_CLIENT_ID", clientSecret: "SSO_CLIENT_SECRET", clientAuth: "SSO_CLIENT_AUTH", displayName: "SSO_DISPLAY_NAME", createRole: "SSO_CREATE_ROLE" };
    const issue = parsed.error.issues[0];
    const name = names[String(issue?.path[0])] ?? "SSO_*";
    return { config: null, problem: `${name} in the environment is not valid: ${issue?.message ?? firstIssue(parsed.error)}` };
  }
  const data = parsed.data;
  if (!data.clientSecret) return { config: null, problem: "SSO_CLIENT_SECRET is not set in the environment." };
  return { config: { ...data, clientSecret: data.clientSecret }, problem: null };
}

/** The settings without any secret: what the audit log and the stored row's plain part hold. */
export type SsoPublicSettings = Omit<SsoConfig, "clientSecret">;

/** Picks the non-secret settings out of a configuration, a stored row or a parsed form. */
export function publicSettingsOf(value: SsoPublicSettings): SsoPublicSettings {
  const { issuer, clientId, clientAuth, displayName, createOnFirstSignIn, createRole, ssoOnly } = value;
  return { issuer, clientId, clientAuth, displayName, createOnFirstSignIn, createRole, ssoOnly };
}

function parseStored(text: string): StoredSso | null {
  try {
    const raw = JSON.parse(text) as Partial<StoredSso>;
    if (typeof raw.issuer !== "string" || typeof raw.clientId !== "string" || typeof raw.clientSecretEnc !== "string") return null;
    const parsed = ssoSettingsSchema.safeParse({ ...raw, clientSecret: undefined });
    if (!parsed.success) return null;
    return { ...publicSettingsOf(parsed.data), clientSecretEnc: raw.clientSecretEnc, clientSecretHint: typeof raw.clientSecretHint === "string" ? raw.clientSecretHint : "set" };
  } catch {
    return null;
  }
}

/**
 * The single sign-on configuration in force: the environment's when it sets one, else the Setting row's.
 * No permission check: the sign-in pages and routes read it before anyone is signed in. Callers that
 * show it to a page use getSsoSettings (lib/sso/sso-settings.ts), which never includes the secret.
 */
export async function readSsoState(env: SsoEnv = process.env): Promise<SsoState> {
  const fromEnv = ssoFromEnvironment(env);
  if (fromEnv) return { source: "environment", ...fromEnv, stored: null, updatedBy: null, updatedAt: null };
  const row = await db.setting.findUnique({ where: { key: SSO_SETTING_KEY } });
  if (!row) return { source: "none", config: null, problem: null, stored: null, updatedBy: null, updatedAt: null };
  const stored = parseStored(row.value);
  const base = { source: "settings" as const, stored, updatedBy: row.updatedBy, updatedAt: row.updatedAt };
  if (!stored) return { ...base, config: null, problem: "The stored single sign-on settings cannot be read. Enter them again." };
  let clientSecret: string;
  try {
    clientSecret = decryptSecret<string>(stored.clientSecretEnc);
  } catch {
    return { ...base, config: null, problem: "The stored client secret cannot be decrypted (was CREDENTIALS_ENCRYPTION_KEY changed?). Enter it again." };
  }
  return { ...base, config: { ...publicSettingsOf(stored), clientSecret }, problem: null };
}

/** The usable configuration, or null when SSO is not set up (or set up wrongly). */
export async function readSsoConfig(env: SsoEnv = process.env): Promise<SsoConfig | null> {
  return (await readSsoState(env)).config;
}

/** The break-glass admin's email (SSO_BREAK_GLASS_EMAIL), lower-cased, or null. */
export function breakGlassEmail(env: SsoEnv = process.env): string | null {
  return env.SSO_BREAK_GLASS_EMAIL?.trim().toLowerCase() || null;
}

/**
 * True when "SSO only" is on (and SSO is usable) and `email` is not the break-glass admin's: the
 * password step refuses it. A broken SSO configuration never locks password sign-in out.
 */
export async function passwordSignInRefusedBySso(email: string, env: SsoEnv = process.env): Promise<boolean> {
  const config = await readSsoConfig(env);
  if (!config?.ssoOnly) return false;
  return email.trim().toLowerCase() !== breakGlassEmail(env);
}

/** What the login page needs: whether to offer the button, its name, and whether passwords are break-glass only. */
export async function ssoSignInOptions(env: SsoEnv = process.env): Promise<{ available: boolean; displayName: string; ssoOnly: boolean }> {
  const config = await readSsoConfig(env);
  return { available: config !== null, displayName: config?.displayName ?? DEFAULT_DISPLAY_NAME, ssoOnly: config?.ssoOnly ?? false };
}

/** The redirect URI to register at the provider. */
export function ssoCallbackUrl(): string {
  return `${publicBaseUrl()}/api/auth/sso/callback`;
}
