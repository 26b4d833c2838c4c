// A stable fingerprint of a SCIM resource: the planner compares it with what was last pushed, so an
// edit that changes nothing the app sees makes no job.
import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level, so equal resources serialise equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record).sort()) {
      if (record[key] !== undefined) out[key] = sortKeys(record[key]);
    }
    return out;
  }
  return value;
}

/** sha256 (hex) of the canonical JSON of a SCIM resource. */
export function hashResource(resource: unknown): string {
  return createHash("sha256").update(canonicalJson(resource)).digest("hex");
}

/** One changed attribute for an event's detail: dotted path, old value, new value. */
export type AttributeChange = { path: string; from: unknown; to: unknown };

/** The leaf attributes that differ between two resources (arrays compared whole), for event details. */
export function changedAttributes(before: unknown, after: unknown, prefix = ""): AttributeChange[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const changes: AttributeChange[] = [];
  for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
    if (key === "schemas" || key === "id" || key === "meta") continue;
    const path = prefix ? `${prefix}${key.startsWith("urn:") ? ":" : "."}${key}` : key;
    if (isRecord(b[key]) || isRecord(a[key])) changes.push(...changedAttributes(b[key], a[key], path));
    else if (canonicalJson(b[key] ?? null) !== canonicalJson(a[key] ?? null)) changes.push({ path, from: b[key] ?? null, to: a[key] ?? null });
  }
  return changes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
