// Turns an audit row's before/after JSON snapshots into a readable per-field diff.

/** One changed field: its (dotted) name and both values as display text ("" when absent). */
export type FieldChange = { field: string; before: string; after: string };

const MAX_VALUE_CHARS = 300;

function parse(json: string | null): unknown {
  if (json === null) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Nested objects (custom attributes, say) become dotted keys, so one changed attribute is one line.
function flatten(value: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (isPlainObject(inner) && Object.keys(inner).length > 0) flatten(inner, name, out);
      else out.set(name, inner);
    }
  } else if (value !== undefined) {
    out.set(prefix || "value", value);
  }
  return out;
}

/** A value as one line of text: strings as they are, empty for null, JSON for the rest. */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** The fields whose value differs between the two snapshots (JSON text as stored), in stable order. */
export function diffSnapshots(beforeJson: string | null, afterJson: string | null): FieldChange[] {
  const before = flatten(parse(beforeJson));
  const after = flatten(parse(afterJson));
  const fields = [...new Set([...before.keys(), ...after.keys()])];
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const a = JSON.stringify(before.get(field) ?? null);
    const b = JSON.stringify(after.get(field) ?? null);
    if (a !== b) changes.push({ field, before: displayValue(before.get(field)), after: displayValue(after.get(field)) });
  }
  return changes;
}
