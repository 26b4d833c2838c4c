import type { ScimCapabilities } from "@/lib/scim/capabilities";
import type { MappingRule } from "@/lib/scim/mapping";
import type { AppFeatures, AppKind, DeprovisionMode } from "@/lib/provisioning/types";

export const APP_HEALTHS = ["unverified", "connected", "error", "quarantined", "reconnect_needed"] as const;
export type AppHealth = (typeof APP_HEALTHS)[number];

/** One row of the apps list. */
export type AppSummary = {
  id: string;
  name: string;
  kind: AppKind;
  health: AppHealth;
  accountCount: number;
  verifiedAt: string | null;
  createdAt: string;
};

/** An app as its page shows it: never the credentials, only their hint. */
export type AppDetail = AppSummary & {
  baseUrl: string;
  credentialKind: string;
  /** "ends in …1234", or null when no credential is stored. */
  credentialsHint: string | null;
  healthMessage: string | null;
  features: AppFeatures;
  deprovisionMode: DeprovisionMode;
  mapping: MappingRule[];
  capabilities: ScimCapabilities | null;
  /** Readable lines from the stored capabilities (capabilityReport). */
  capabilityReport: string[];
  updatedAt: string;
};

/** What a Verify Credentials run found. */
export type VerifyOutcome = {
  health: "connected" | "error";
  healthMessage: string | null;
  report: string[];
  capabilities: ScimCapabilities | null;
  verifiedAt: string;
};

/** One row of an app's Accounts table. */
export type AppAccountRow = {
  id: string;
  userId: string;
  userName: string;
  displayName: string;
  remoteId: string | null;
  state: string;
  lastSyncAt: string | null;
  lastError: string | null;
};

/** One row of an app's Recent events. */
export type AppEventRow = {
  id: string;
  at: string;
  userId: string | null;
  userIdentifier: string;
  action: string;
  outcome: string;
  httpStatus: number | null;
  message: string;
};

/** The payload preview: the exact JSON, or why the mapping cannot produce one. */
export type PayloadPreview = { ok: true; userName: string; json: string } | { ok: false; userName: string; message: string };
