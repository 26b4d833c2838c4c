// Arranging provisioning state in tests: apps pointing at a SCIM stand-in, groups and policies, written
// directly (no audit, no checks) the way test/factories.ts does for users.
import { encryptSecret, secretHint } from "@/lib/crypto";
import { db } from "@/lib/db";
import { defaultMapping } from "@/lib/scim/mapping";
import { unique } from "@/test/factories";
import { DEFAULT_FEATURES, type AppFeatures, type AppKind, type DeprovisionMode } from "./types";
import type { RetryPolicy } from "./worker/retry-policy";

/** Retries that never wait, so a drain runs every attempt at once. */
export const NO_WAIT: Partial<RetryPolicy> = { baseMs: 0, random: () => 0 };

/** Inserts an app connected to `baseUrl` with an encrypted bearer token. */
export async function seedApp(options: {
  baseUrl: string;
  token: string;
  kind?: AppKind;
  features?: Partial<AppFeatures>;
  deprovisionMode?: DeprovisionMode;
  patch?: boolean;
}) {
  const name = unique(options.kind === "slack" ? "Slack " : "App ");
  const kind = options.kind ?? "scim";
  return db.app.create({
    data: {
      name,
      nameKey: name.toLowerCase(),
      kind,
      baseUrl: options.baseUrl,
      credentialsEnc: encryptSecret({ token: options.token }),
      credentialsHint: secretHint(options.token),
      features: JSON.stringify({ ...DEFAULT_FEATURES, ...options.features }),
      deprovisionMode: options.deprovisionMode ?? "deactivate",
      mapping: JSON.stringify(defaultMapping(kind)),
      capabilities: options.patch === undefined ? null : JSON.stringify({ patch: options.patch }),
      health: "connected",
    },
  });
}

/** Inserts a group, optionally with members. */
export async function seedGroup(memberIds: string[] = []) {
  const name = unique("Group ");
  return db.group.create({
    data: { name, nameKey: name.toLowerCase(), members: { create: memberIds.map((userId) => ({ userId })) } },
  });
}

/** Inserts a policy granting the app to the groups. */
export async function seedPolicy(appId: string, groupIds: string[], enabled = true) {
  const name = unique("Policy ");
  return db.policy.create({
    data: { name, nameKey: name.toLowerCase(), appId, enabled, groups: { create: groupIds.map((groupId) => ({ groupId })) } },
  });
}

// Rows written by one statement share a timestamp; their ids (cuid: time, then a counter) keep the order
// they were written in. Without the id, PostgreSQL returns ties in whatever order an update left them.

/** The jobs of one app, oldest first. */
export function jobsOf(appId: string) {
  return db.provisioningJob.findMany({ where: { appId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

/** The events of one app, oldest first. */
export function eventsOf(appId: string) {
  return db.provisioningEvent.findMany({ where: { appId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
}

/** The user's account link in the app. */
export function accountOf(appId: string, userId: string) {
  return db.appAccount.findUnique({ where: { appId_userId: { appId, userId } } });
}
