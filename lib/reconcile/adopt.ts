// "Adopt the app's value": for chosen attributes the app is the source of truth, so reconciliation
// writes the app's value into the directory user instead of overwriting the app.
import type { MappingRule } from "@/lib/scim/mapping";
import type { ScimUser } from "@/lib/scim/types";
import { sameValue } from "./compare";

/** Directory fields an app's value may be written into (plain text columns of User). */
export const ADOPTABLE_SOURCES = ["firstName", "lastName", "displayName", "title", "department", "phone", "employeeNumber"] as const;
export type AdoptableSource = (typeof ADOPTABLE_SOURCES)[number];

/** An attribute the settings form offers: the SCIM path and the directory field it fills. */
export type AdoptableAttribute = { path: string; source: AdoptableSource };

const SOURCE_SET = new Set<string>(ADOPTABLE_SOURCES);

/** The mapping's rules that can run backwards: a plain directory field with no transform. */
export function adoptableAttributes(mapping: readonly MappingRule[]): AdoptableAttribute[] {
  return mapping.flatMap((rule) => (SOURCE_SET.has(rule.source) && !rule.transform ? [{ path: rule.target, source: rule.source as AdoptableSource }] : []));
}

/** Reads a mapping target (`a`, `a.b`, `a[type eq "t"].b`, `urn:…:User:attr`) from a SCIM record. */
export function readPath(resource: ScimUser, target: string): unknown {
  let node: unknown = resource;
  let path = target;
  const urn = target.match(/^(urn:.*:[A-Z][A-Za-z0-9]*):([^:]+)$/);
  if (urn) {
    node = (resource as Record<string, unknown>)[urn[1]];
    path = urn[2];
  }
  const filtered = path.match(/^(\w+)\[type eq "([^"]+)"\]\.(\w+)$/);
  if (filtered) {
    const list = (node as Record<string, unknown> | undefined)?.[filtered[1]];
    if (!Array.isArray(list)) return undefined;
    const entry = (list as Record<string, unknown>[]).find((v) => v?.type === filtered[2]) ?? (list as Record<string, unknown>[])[0];
    return entry?.[filtered[3]];
  }
  for (const part of path.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** One directory field to overwrite with the app's value. */
export type Adoption = { path: string; source: AdoptableSource; from: string | null; to: string | null };

/** The adopted attributes whose value in the app differs from the console's record. */
export function adoptionsFor(remote: ScimUser, desired: ScimUser, mapping: readonly MappingRule[], adoptPaths: readonly string[], user: Record<string, unknown>): Adoption[] {
  const chosen = new Set(adoptPaths);
  const out: Adoption[] = [];
  for (const attr of adoptableAttributes(mapping)) {
    if (!chosen.has(attr.path)) continue;
    const theirs = readPath(remote, attr.path);
    if (theirs !== undefined && theirs !== null && typeof theirs !== "string") continue; // not a plain value
    if (sameValue(theirs === "" ? null : theirs, readPath(desired, attr.path))) continue;
    // A required name part is never blanked from the app's side.
    if ((attr.source === "firstName" || attr.source === "lastName") && !theirs) continue;
    const current = user[attr.source];
    out.push({ path: attr.path, source: attr.source, from: typeof current === "string" ? current : null, to: theirs ? theirs : null });
  }
  return out;
}
