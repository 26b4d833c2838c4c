// Pure comparison of an app's account with the console's desired SCIM record, and the matching rules
// that link existing accounts (userName first, then email). Reconciliation and its tests use these.
import { canonicalJson, changedAttributes, type AttributeChange } from "@/lib/provisioning/hash";
import { mapUserToScim, type ConsoleUser, type MappingRule } from "@/lib/scim/mapping";
import type { ScimUser } from "@/lib/scim/types";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The app's record cut down to what the console maps: attributes the app adds itself (meta,
 * name.formatted, photos...) are not drift. Attributes in `shape` (everything the mapping can write)
 * are kept even when the console has no value for them now, so a value set only in the app is drift too.
 */
export function projectOnto(found: Record<string, unknown>, desired: Record<string, unknown>, shape: Record<string, unknown> = {}): ScimUser {
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(desired), ...Object.keys(shape).filter((k) => k in found)])) {
    const have = found[key];
    const want = desired[key];
    const form = shape[key];
    if (isRecord(have) && (isRecord(want) || isRecord(form))) out[key] = projectOnto(have, isRecord(want) ? want : {}, isRecord(form) ? form : {});
    else out[key] = have;
  }
  return out as ScimUser;
}

/** Every attribute the mapping can write: the record of a user with every mapped field filled in. */
export function mappedShape(mapping: readonly MappingRule[]): ScimUser {
  const custom = Object.fromEntries(mapping.flatMap((r) => (r.source.startsWith("customAttributes.") ? [[r.source.slice("customAttributes.".length), "x"]] : [])));
  const filled: ConsoleUser = {
    id: "x", userName: "x", email: "x@x", firstName: "x", lastName: "x", displayName: "x", title: "x", department: "x",
    phone: "x", employeeNumber: "x", managerUserName: "x", active: true, customAttributes: custom,
  };
  try {
    return mapUserToScim(filled, [...mapping], { managerRemoteId: "x" });
  } catch {
    return { schemas: [], userName: "x" } as unknown as ScimUser;
  }
}

/** The attributes whose value in the app differs from the console's (active is compared separately). */
export function driftOf(remote: ScimUser, desired: ScimUser, shape: ScimUser): { projected: ScimUser; changes: AttributeChange[] } {
  const projected = projectOnto(remote as Record<string, unknown>, desired as unknown as Record<string, unknown>, shape as unknown as Record<string, unknown>);
  const changes = changedAttributes(projected, desired).filter((c) => c.path !== "active");
  return { projected, changes };
}

/** Whether two SCIM values are the same once keys are sorted. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/** All email addresses of a SCIM user, lower-cased. */
export function emailsOf(resource: ScimUser): string[] {
  const emails = (resource as { emails?: { value?: unknown }[] }).emails;
  if (!Array.isArray(emails)) return [];
  return emails.flatMap((e) => (typeof e?.value === "string" && e.value ? [e.value.toLowerCase()] : []));
}

/** A remote account as a conflict row shows it. */
export type Candidate = { id: string; userName: string; emails: string[]; displayName: string | null; active: boolean };

/** The candidate shape of a remote account. */
export function toCandidate(remote: ScimUser): Candidate {
  return {
    id: String(remote.id),
    userName: remote.userName,
    emails: emailsOf(remote),
    displayName: typeof remote.displayName === "string" ? remote.displayName : null,
    active: remote.active !== false,
  };
}

/** The outcome of matching one directory user against the app's unlinked accounts. */
export type MatchResult = { kind: "link"; remote: ScimUser; by: "userName" | "email" } | { kind: "conflict"; candidates: ScimUser[]; reason: string } | { kind: "none" };

/**
 * Matches by userName, then email: exactly one candidate links; several, or a userName and an email
 * that point at different accounts, are a conflict for an admin to resolve.
 */
export function matchAccount(byName: ScimUser[], byEmail: ScimUser[]): MatchResult {
  if (byName.length > 1) return { kind: "conflict", candidates: byName, reason: `${byName.length} accounts in the app have this userName.` };
  if (byName.length === 1) {
    const [named] = byName;
    const others = byEmail.filter((r) => r.id !== named.id);
    if (others.length === 0) return { kind: "link", remote: named, by: "userName" };
    return { kind: "conflict", candidates: [named, ...others], reason: "The userName matches one account and the email another." };
  }
  if (byEmail.length === 1) return { kind: "link", remote: byEmail[0], by: "email" };
  if (byEmail.length > 1) return { kind: "conflict", candidates: byEmail, reason: `${byEmail.length} accounts in the app have this email.` };
  return { kind: "none" };
}
