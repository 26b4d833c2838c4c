// Console user -> SCIM User, driven by a per-app list of { source, target } rules. The list is plain data so it
// can be stored with the app and edited on its settings page; transforms are named, not functions, for that reason.
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimUser } from "./types";

/** The console's view of a user, as the mapper needs it. */
export interface ConsoleUser {
  /** The console id; sent as `externalId` where the app keeps one. */
  id: string;
  userName: string;
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  displayName?: string | null;
  title?: string | null;
  department?: string | null;
  phone?: string | null;
  employeeNumber?: string | null;
  managerUserName?: string | null;
  active: boolean;
  customAttributes?: Record<string, string | number | boolean | null>;
}

/** Values known only per app, such as the manager's id in that app. */
export interface MappingContext {
  managerRemoteId?: string | null;
}

/** Where a value comes from: a console field, `customAttributes.<key>`, or the context's `managerRemoteId`. */
export type MappingSource =
  | Exclude<keyof ConsoleUser, "customAttributes">
  | "managerRemoteId"
  | `customAttributes.${string}`;

/** Named value transforms an app can need. */
export type MappingTransform = "lowercase" | "slackUserName";

/** One rule: a source and a SCIM path such as `name.givenName` or `urn:…:enterprise:2.0:User:department`. */
export interface MappingRule {
  source: MappingSource;
  target: string;
  transform?: MappingTransform;
}

/** Slack's userName limit (`username_too_long`). */
export const SLACK_USERNAME_MAX = 21;

const ENTERPRISE = ENTERPRISE_USER_SCHEMA;

/** The mapping a new app of this kind starts with. */
export function defaultMapping(kind: "scim" | "slack"): MappingRule[] {
  if (kind === "slack") {
    return [
      { source: "userName", target: "userName", transform: "slackUserName" },
      { source: "firstName", target: "name.givenName" },
      { source: "lastName", target: "name.familyName" },
      { source: "displayName", target: "displayName" },
      { source: "email", target: 'emails[type eq "work"].value' },
      { source: "title", target: "title" },
      { source: "phone", target: 'phoneNumbers[type eq "work"].value' },
      { source: "department", target: `${ENTERPRISE}:department` },
      { source: "employeeNumber", target: `${ENTERPRISE}:employeeNumber` },
      // Slack wants `managerId` (its id, an email or a userName), not `manager.value`.
      { source: "managerUserName", target: `${ENTERPRISE}:manager.managerId`, transform: "slackUserName" },
      { source: "active", target: "active" },
    ];
  }
  return [
    { source: "userName", target: "userName" },
    { source: "id", target: "externalId" },
    { source: "firstName", target: "name.givenName" },
    { source: "lastName", target: "name.familyName" },
    { source: "displayName", target: "displayName" },
    { source: "email", target: 'emails[type eq "work"].value' },
    { source: "title", target: "title" },
    { source: "phone", target: 'phoneNumbers[type eq "work"].value' },
    { source: "department", target: `${ENTERPRISE}:department` },
    { source: "employeeNumber", target: `${ENTERPRISE}:employeeNumber` },
    { source: "managerRemoteId", target: `${ENTERPRISE}:manager` },
    { source: "active", target: "active" },
  ];
}

/** Slack's userName rules: lowercase, only a-z 0-9 . _ - (others become `_`), at most 21 characters. */
export function toSlackUserName(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9._-]/g, "_").slice(0, SLACK_USERNAME_MAX);
}

/** Builds the SCIM User for `user`; empty values are left out and every extension URN used is listed in `schemas`. */
export function mapUserToScim(user: ConsoleUser, rules: MappingRule[], context: MappingContext = {}): ScimUser {
  const resource: Record<string, unknown> = {};
  const schemas = [USER_SCHEMA];
  for (const rule of rules) {
    const raw = readSource(user, rule.source, context);
    if (raw === undefined || raw === null || raw === "") continue;
    const value = typeof raw === "string" ? applyTransform(raw, rule.transform) : raw;
    const { urn, path } = splitTarget(rule.target);
    if (urn) {
      if (!schemas.includes(urn)) schemas.push(urn);
      const extension = (resource[urn] ??= {}) as Record<string, unknown>;
      // A bare `manager` names the complex attribute; its id goes in `value` (RFC 7643 §4.3).
      writePath(extension, path === "manager" ? "manager.value" : path, value);
    } else {
      writePath(resource, path, value);
    }
  }
  if (typeof resource.userName !== "string") throw new Error("The mapping produced no userName; map a field to it.");
  return { schemas, ...resource } as ScimUser;
}

function readSource(user: ConsoleUser, source: MappingSource, context: MappingContext): unknown {
  if (source === "managerRemoteId") return context.managerRemoteId;
  if (source.startsWith("customAttributes.")) return user.customAttributes?.[source.slice("customAttributes.".length)];
  return user[source as Exclude<keyof ConsoleUser, "customAttributes">];
}

function applyTransform(value: string, transform: MappingTransform | undefined): string {
  if (transform === "lowercase") return value.toLowerCase();
  if (transform === "slackUserName") return toSlackUserName(value);
  return value;
}

// `urn:…:User:department` -> { urn: "urn:…:User", path: "department" }. Schema URNs end in a resource name
// that starts with a capital letter, and attribute names never do, which tells the two apart.
function splitTarget(target: string): { urn?: string; path: string } {
  if (!target.startsWith("urn:")) return { path: target };
  const match = target.match(/^(urn:.*:[A-Z][A-Za-z0-9]*):([^:]+)$/);
  if (!match) throw new Error(`Not an extension attribute path: ${target}`);
  return { urn: match[1], path: match[2] };
}

// Writes `a`, `a.b`, or `a[type eq "t"].b` (one value of that type in a multi-valued attribute).
function writePath(target: Record<string, unknown>, path: string, value: unknown): void {
  const filtered = path.match(/^(\w+)\[type eq "([^"]+)"\]\.(\w+)$/);
  if (filtered) {
    const [, attr, type, sub] = filtered;
    const list = Array.isArray(target[attr]) ? (target[attr] as Record<string, unknown>[]) : [];
    let entry = list.find((v) => v.type === type);
    if (!entry) {
      // The first value of each attribute is the primary one: apps keep exactly one primary email.
      entry = { type, ...(list.length === 0 ? { primary: true } : {}) };
      list.push(entry);
    }
    entry[sub] = value;
    target[attr] = list;
    return;
  }
  const parts = path.split(".");
  if (!parts.every((p) => /^[$\w]+$/.test(p))) throw new Error(`Unsupported SCIM path in mapping: ${path}`);
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]] = value;
}
