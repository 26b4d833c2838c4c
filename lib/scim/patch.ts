// PatchOp builders. The user diff sends only what changed, so one admin edit becomes one small PATCH and
// attributes the app manages itself (or that another admin set there) are left alone.
import { PATCH_OP_MESSAGE, type PatchOp, type PatchOperation, type ScimUser } from "./types";

/** Members per PATCH when none is given; Slack takes up to 15,000 but recommends 5,000 or fewer. */
export const DEFAULT_MEMBER_CHUNK_SIZE = 1000;

// Server-owned or read-only on a User: never part of a diff.
const NOT_PATCHED = new Set(["schemas", "id", "meta", "groups", "password"]);

/** Wraps operations in a PatchOp message. */
export function patchOp(operations: PatchOperation[]): PatchOp {
  return { schemas: [PATCH_OP_MESSAGE], Operations: operations };
}

/** The PATCH that sets `active` (a JSON boolean, never the string "False" some IdPs send). */
export function activePatch(active: boolean): PatchOp {
  return patchOp([{ op: "replace", path: "active", value: active }]);
}

/** The PATCH that renames a group. */
export function renameGroupPatch(displayName: string): PatchOp {
  return patchOp([{ op: "replace", path: "displayName", value: displayName }]);
}

/** Operations turning `previous` into `next`, or null when nothing differs. */
export function buildUserPatch(previous: ScimUser, next: ScimUser): PatchOp | null {
  const operations: PatchOperation[] = [];
  for (const key of unionKeys(previous, next)) {
    if (NOT_PATCHED.has(key)) continue;
    const before = previous[key];
    const after = next[key];
    if (key.startsWith("urn:")) operations.push(...diffObject(`${key}:`, before, after));
    else if (Array.isArray(before) || Array.isArray(after)) operations.push(...diffMultiValued(key, before, after));
    else if (isPlainObject(before) || isPlainObject(after)) operations.push(...diffObject(`${key}.`, before, after));
    else operations.push(...diffSingle(key, before, after));
  }
  return operations.length > 0 ? patchOp(operations) : null;
}

/** Member changes as PatchOps of at most `chunkSize` members each (adds first, then removes). */
export function groupMemberPatches(add: string[], remove: string[], chunkSize = DEFAULT_MEMBER_CHUNK_SIZE): PatchOp[] {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError("chunkSize must be a positive integer");
  const removeSet = new Set(remove);
  // An id in both lists nets out to "stay a member": adding wins, so it is not removed.
  const adds = [...new Set(add)].map((id) => ({ op: "add" as const, id }));
  const removes = [...removeSet].filter((id) => !adds.some((a) => a.id === id)).map((id) => ({ op: "remove" as const, id }));
  const changes = [...adds, ...removes];
  const patches: PatchOp[] = [];
  for (let i = 0; i < changes.length; i += chunkSize) {
    const chunk = changes.slice(i, i + chunkSize);
    const operations: PatchOperation[] = [];
    const added = chunk.filter((c) => c.op === "add").map((c) => ({ value: c.id }));
    if (added.length > 0) operations.push({ op: "add", path: "members", value: added });
    for (const c of chunk) {
      if (c.op === "remove") operations.push({ op: "remove", path: `members[value eq ${JSON.stringify(c.id)}]` });
    }
    patches.push(patchOp(operations));
  }
  return patches;
}

function diffSingle(path: string, before: unknown, after: unknown): PatchOperation[] {
  if (isEqual(before, after)) return [];
  if (isAbsent(after)) return isAbsent(before) ? [] : [{ op: "remove", path }];
  // `replace` on an absent attribute counts as `add` (RFC 7644 §3.5.2.3), so one verb covers both.
  return [{ op: "replace", path, value: after }];
}

// Complex attributes (`name`) and extension objects: one operation per changed sub-attribute.
function diffObject(prefix: string, before: unknown, after: unknown): PatchOperation[] {
  const b = isPlainObject(before) ? before : {};
  const a = isPlainObject(after) ? after : {};
  return unionKeys(b, a).flatMap((key) => diffSingle(`${prefix}${key}`, b[key], a[key]));
}

// Multi-valued attributes keyed by `type` become value-path operations (`emails[type eq "work"].value`),
// which is what Entra and Okta send and what servers handle best; anything else is replaced whole.
function diffMultiValued(attr: string, before: unknown, after: unknown): PatchOperation[] {
  const b = Array.isArray(before) ? before : [];
  const a = Array.isArray(after) ? after : [];
  if (isEqual(b, a)) return [];
  if (a.length === 0) return [{ op: "remove", path: attr }];
  const byTypeBefore = indexByType(b);
  const byTypeAfter = indexByType(a);
  if (!byTypeBefore || !byTypeAfter) return [{ op: "replace", path: attr, value: a }];

  const operations: PatchOperation[] = [];
  const added: unknown[] = [];
  for (const [type, value] of byTypeAfter) {
    const old = byTypeBefore.get(type);
    if (old === undefined) added.push(value);
    else if (isEqual(old, value)) continue;
    else if (isEqual({ ...old, value: null }, { ...value, value: null })) {
      operations.push({ op: "replace", path: `${attr}[type eq ${JSON.stringify(type)}].value`, value: value.value });
    } else {
      return [{ op: "replace", path: attr, value: a }];
    }
  }
  for (const type of byTypeBefore.keys()) {
    if (!byTypeAfter.has(type)) operations.push({ op: "remove", path: `${attr}[type eq ${JSON.stringify(type)}]` });
  }
  if (added.length > 0) operations.push({ op: "add", path: attr, value: added });
  return operations;
}

function indexByType(values: unknown[]): Map<string, Record<string, unknown>> | null {
  const map = new Map<string, Record<string, unknown>>();
  for (const v of values) {
    if (!isPlainObject(v) || typeof v.type !== "string" || map.has(v.type)) return null;
    map.set(v.type, v);
  }
  return map;
}

function unionKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Structural equality that ignores key order and treats absent, null and "" alike. */
function isEqual(a: unknown, b: unknown): boolean {
  if (isAbsent(a) && isAbsent(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => isEqual(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) return unionKeys(a, b).every((k) => isEqual(a[k], b[k]));
  return a === b;
}
