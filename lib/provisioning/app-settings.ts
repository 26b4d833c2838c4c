import "server-only";
import { decryptSecret } from "@/lib/crypto";
import { oauthFetch } from "@/lib/oauth/token-source";
import { ScimClient } from "@/lib/scim/client";
import { defaultMapping, type MappingRule } from "@/lib/scim/mapping";
import { APP_KINDS, DEFAULT_FEATURES, DEPROVISION_MODES, type AppFeatures, type AppKind, type AppSettings, type DeprovisionMode } from "./types";

/** The App columns the engine reads; credentials stay encrypted until loadAppClient. */
export type AppRow = {
  id: string;
  name: string;
  kind: string;
  baseUrl: string;
  credentialsEnc: string | null;
  features: string;
  deprovisionMode: string;
  mapping: string;
  capabilities: string | null;
};

function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Features from the stored JSON; anything missing or malformed falls back to the default. */
export function parseFeatures(text: string | null | undefined): AppFeatures {
  const raw = parseJson(text);
  const out: AppFeatures = { ...DEFAULT_FEATURES };
  if (!isRecord(raw)) return out;
  for (const key of Object.keys(out) as (keyof AppFeatures)[]) {
    if (typeof raw[key] === "boolean") out[key] = raw[key];
  }
  return out;
}

function parseMapping(text: string, kind: AppKind): MappingRule[] {
  const raw = parseJson(text);
  if (!Array.isArray(raw)) return defaultMapping(kind);
  const rules = raw.filter(
    (r): r is MappingRule => isRecord(r) && typeof r.source === "string" && typeof r.target === "string" && r.target !== "",
  );
  // An app with no usable rules would produce no userName: the kind's defaults keep it working.
  return rules.length > 0 ? rules : defaultMapping(kind);
}

/** The engine's view of an app row: JSON columns parsed defensively, with defaults. */
export function parseAppSettings(row: Pick<AppRow, "id" | "name" | "kind" | "features" | "deprovisionMode" | "mapping">): AppSettings {
  const kind: AppKind = (APP_KINDS as readonly string[]).includes(row.kind) ? (row.kind as AppKind) : "scim";
  const deprovisionMode: DeprovisionMode = (DEPROVISION_MODES as readonly string[]).includes(row.deprovisionMode)
    ? (row.deprovisionMode as DeprovisionMode)
    : "deactivate";
  return { id: row.id, name: row.name, kind, features: parseFeatures(row.features), deprovisionMode, mapping: parseMapping(row.mapping, kind) };
}

/** Whether the app's discovered capabilities say it supports PATCH; undefined when not verified yet. */
export function supportsPatch(capabilities: string | null): boolean | undefined {
  const raw = parseJson(capabilities);
  return isRecord(raw) && typeof raw.patch === "boolean" ? raw.patch : undefined;
}

/**
 * A SCIM client for the app with its decrypted token; the token never leaves the client. An OAuth
 * connection's token (stored with `oauth: true`) is fetched through lib/oauth/token-source.ts instead:
 * refreshed before expiry and once more when the app answers 401.
 */
export function loadAppClient(row: Pick<AppRow, "id" | "baseUrl" | "credentialsEnc" | "capabilities">, options: { fetch?: typeof fetch; timeoutMs?: number } = {}): ScimClient {
  if (!row.credentialsEnc) throw new Error("The app has no credentials yet. Enter a token on the app's settings page and Verify Credentials.");
  let token: string;
  let oauth = false;
  try {
    const secret = decryptSecret<{ token?: unknown; oauth?: unknown }>(row.credentialsEnc);
    if (typeof secret.token !== "string" || secret.token === "") throw new Error("no token");
    token = secret.token;
    oauth = secret.oauth === true;
  } catch {
    // Never echo the stored value or the decryption error: either could leak part of the secret.
    throw new Error("The app's stored credentials cannot be read. Enter the token again on the app's settings page.");
  }
  const fetch = oauth ? oauthFetch(row.id, options.fetch) : options.fetch;
  return new ScimClient({ baseUrl: row.baseUrl, token, supportsPatch: supportsPatch(row.capabilities), ...options, fetch });
}
