import "server-only";
import { decryptSecret } from "@/lib/crypto";
import { uniqueViolation, type Tx } from "@/lib/db";
import { DomainError, NotFoundError } from "@/lib/errors";
import { DEFAULT_FEATURES, type AppFeatures, type AppKind, type DeprovisionMode } from "@/lib/provisioning/types";
import { capabilityReport, type ScimCapabilities } from "@/lib/scim/capabilities";
import { ScimClient } from "@/lib/scim/client";
import { defaultMapping, type MappingRule } from "@/lib/scim/mapping";
import { verifyConnection } from "@/lib/scim/verify";
import { APP_NAME_TAKEN, appNameKey } from "@/lib/schemas/app";
import { idField } from "@/lib/schemas/common";
import { releaseLiftedQueue, verifiedHealth } from "@/lib/provisioning/quarantine";
import type { Prisma } from "@/lib/db";
import { APP_HEALTHS, type AppDetail, type AppHealth } from "./types";

export const APP_NOT_FOUND = "That app no longer exists. Reload the page.";
export const NO_CREDENTIALS = "No credentials are stored for this app. Enter a bearer token, then Verify Credentials.";

/** Bearer credentials as stored (encrypted) in App.credentialsEnc. */
export type BearerCredentials = { token: string };

type AppRow = NonNullable<Awaited<ReturnType<Tx["app"]["findUnique"]>>>;

/** The app row, or NotFoundError for a malformed, tampered or deleted id. */
export async function loadApp(tx: Tx, appId: string): Promise<AppRow> {
  const parsed = idField.safeParse(appId);
  const app = parsed.success ? await tx.app.findUnique({ where: { id: parsed.data } }) : null;
  if (!app) throw new NotFoundError(APP_NOT_FOUND);
  return app;
}

/** Turns a unique violation on nameKey into the form's field error; rethrows anything else. */
export function rethrowNameConflict(error: unknown): never {
  if (uniqueViolation(error)) throw new DomainError(APP_NAME_TAKEN, { name: [APP_NAME_TAKEN] });
  throw error;
}

/** Throws the name field error when another app already uses the name (checked before calling the app). */
export async function assertNameFree(tx: Tx, nameKey: string, exceptId?: string): Promise<void> {
  const other = await tx.app.findUnique({ where: { nameKey }, select: { id: true } });
  if (other && other.id !== exceptId) throw new DomainError(APP_NAME_TAKEN, { name: [APP_NAME_TAKEN] });
}

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The stored features merged over the defaults (older rows hold "{}"). */
export function parseFeatures(text: string): AppFeatures {
  const raw = parseJson(text);
  const out = { ...DEFAULT_FEATURES };
  if (raw && typeof raw === "object") {
    for (const key of Object.keys(out) as (keyof AppFeatures)[]) {
      const value = (raw as Record<string, unknown>)[key];
      if (typeof value === "boolean") out[key] = value;
    }
  }
  return out;
}

/** The stored mapping, or the kind's defaults when none was saved. */
export function parseMapping(text: string, kind: AppKind): MappingRule[] {
  const raw = parseJson(text);
  return Array.isArray(raw) && raw.length > 0 ? (raw as MappingRule[]) : defaultMapping(kind);
}

/** The kind as a known AppKind (anything else reads as a generic SCIM app). */
export function toKind(kind: string): AppKind {
  return kind === "slack" ? "slack" : "scim";
}

function toHealth(health: string): AppHealth {
  return (APP_HEALTHS as readonly string[]).includes(health) ? (health as AppHealth) : "unverified";
}

/** The page's view of an app row: credentials reduced to their hint. */
export function toAppDetail(app: AppRow, accountCount: number): AppDetail {
  const kind = toKind(app.kind);
  const capabilities = parseJson(app.capabilities) as ScimCapabilities | null;
  return {
    id: app.id,
    name: app.name,
    kind,
    health: toHealth(app.health),
    accountCount,
    verifiedAt: app.verifiedAt?.toISOString() ?? null,
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
    baseUrl: app.baseUrl,
    credentialKind: app.credentialKind,
    credentialsHint: app.credentialsEnc ? (app.credentialsHint ?? "set") : null,
    healthMessage: app.healthMessage,
    features: parseFeatures(app.features),
    deprovisionMode: (app.deprovisionMode === "delete" ? "delete" : "deactivate") satisfies DeprovisionMode,
    mapping: parseMapping(app.mapping, kind),
    capabilities,
    capabilityReport: capabilities ? capabilityReport(capabilities) : [],
  };
}

/** The bearer token of a stored credential; null when there is none. */
export function readToken(credentialsEnc: string | null): string | null {
  if (!credentialsEnc) return null;
  return decryptSecret<BearerCredentials>(credentialsEnc).token;
}

/** Verify Credentials against an app; never throws for app-side failures and never echoes the token. */
export async function checkConnection(baseUrl: string, token: string) {
  const result = await verifyConnection(new ScimClient({ baseUrl, token, timeoutMs: 10_000 }));
  const verifiedAt = new Date();
  if (result.ok) {
    return { health: "connected" as const, healthMessage: null, report: result.report, capabilities: result.capabilities, verifiedAt };
  }
  // Belt and braces: a message must never carry the credential, whatever the app echoed back.
  const message = result.message.split(token).join("…");
  return { health: "error" as const, healthMessage: message, report: [] as string[], capabilities: null, verifiedAt };
}

/** The columns every new app starts with, whatever its credential: name, kind, URL, default features and mapping. */
export function newAppColumns(data: { name: string; kind: AppKind; baseUrl: string }) {
  return {
    name: data.name,
    nameKey: appNameKey(data.name),
    kind: data.kind,
    baseUrl: data.baseUrl,
    features: JSON.stringify(DEFAULT_FEATURES),
    mapping: JSON.stringify(defaultMapping(data.kind)),
  };
}

/**
 * Saves what Verify Credentials found (with `extra` columns in the same update): capabilities, health,
 * message and time. A quarantined app stays held unless the check succeeded; when it did, the held jobs
 * are due at once. Runs in the caller's transaction.
 */
export async function saveCheck(tx: Tx, current: { id: string; health: string }, check: ConnectionCheck, extra: Prisma.AppUpdateInput = {}) {
  const saved = await tx.app.update({
    where: { id: current.id },
    data: {
      ...extra,
      capabilities: check.capabilities ? JSON.stringify(check.capabilities) : null,
      ...verifiedHealth(current.health, check.health),
      healthMessage: check.healthMessage,
      verifiedAt: check.verifiedAt,
    },
  });
  await releaseLiftedQueue(tx, current.id, current.health, check.health);
  return saved;
}

/** What checkConnection found. */
export type ConnectionCheck = Awaited<ReturnType<typeof checkConnection>>;
