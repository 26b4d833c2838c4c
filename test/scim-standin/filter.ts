// Two gaps in SCIMMY 1.3's filter matching, closed so the stand-in answers like an RFC server:
// 1. Its lexer does not understand JSON escapes, so `userName eq "a\"b"` is a syntax error to it. String
//    literals are set aside as placeholders before SCIMMY parses, then put back (unescaped) for matching.
// 2. It compares strings case-sensitively, while userName, emails and most attributes are caseExact:false.
//    Both sides are case-folded, except the attributes RFC 7643 makes caseExact.
import SCIMMY from "scimmy";

const STRING_LITERAL = /"(?:[^"\\]|\\.)*"/g;
const PLACEHOLDER = /^scimstandinliteral\d+$/;
const CASE_EXACT = /^(id|externalid|password|meta(\..*)?|members\.value|.*\$ref)$/i;

/** Replaces JSON string literals with bare placeholders; throws 400 invalidFilter on a bad escape. */
export function protectLiterals(filter: string): { filter: string; literals: Map<string, string> } {
  const literals = new Map<string, string>();
  const replaced = filter.replace(STRING_LITERAL, (literal) => {
    let value: unknown;
    try {
      value = JSON.parse(literal);
    } catch {
      throw new SCIMMY.Types.Error(400, "invalidFilter", `Invalid string literal ${literal} in filter`);
    }
    const key = `scimstandinliteral${literals.size}`;
    literals.set(key, String(value));
    return `"${key}"`;
  });
  return { filter: replaced, literals };
}

/** The values the (placeholder) filter matches, with literals restored and case folded where the RFC says. */
export function matchFilter<T extends Record<string, unknown>>(
  filter: SCIMMY.Types.Filter,
  values: T[],
  literals: Map<string, string>,
): T[] {
  const expression = [...filter].map((term) => restore(term, literals, "")) as Record<string, unknown>[];
  // The worker's look-up-before-create (`userName eq "x"`) answered without matching every record one by
  // one: the same result (userName is caseExact:false, both sides folded), fast enough for 10,000 users.
  const terms = expression.length === 1 ? Object.entries(expression[0]) : [];
  const [name, condition] = terms.length === 1 ? terms[0] : [];
  if (name?.toLowerCase() === "username" && Array.isArray(condition) && condition.length === 2 && condition[0] === "eq" && typeof condition[1] === "string") {
    return values.filter((value) => typeof value.userName === "string" && value.userName.toLowerCase() === condition[1]);
  }
  const compiled = new SCIMMY.Types.Filter(expression);
  // Matched one by one: SCIMMY throws on a resource that lacks a filtered multi-valued attribute.
  return values.filter((value) => {
    try {
      return compiled.match([fold(value, "")]).length > 0;
    } catch {
      return false;
    }
  });
}

function restore(node: unknown, literals: Map<string, string>, path: string): unknown {
  if (typeof node === "string") {
    const original = PLACEHOLDER.test(node) ? (literals.get(node) ?? node) : node;
    return CASE_EXACT.test(path) ? original : original.toLowerCase();
  }
  if (Array.isArray(node)) return node.map((item) => restore(item, literals, path));
  if (node && typeof node === "object") {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, restore(v, literals, join(path, k))]));
  }
  return node;
}

function fold(node: unknown, path: string): unknown {
  if (typeof node === "string") return CASE_EXACT.test(path) ? node : node.toLowerCase();
  if (Array.isArray(node)) return node.map((item) => fold(item, path));
  if (node && typeof node === "object") {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fold(v, join(path, k))]));
  }
  return node;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
