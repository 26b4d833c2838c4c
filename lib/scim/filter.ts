// SCIM filter values are JSON literals (RFC 7644 §3.4.2.2): JSON.stringify writes `"` as `\"` and `\` as `\\`,
// which is exactly the escaping the grammar asks for. URL-encoding happens later, in the client.

const ATTRIBUTE_PATH = /^(?:urn:[A-Za-z0-9.:_-]+:)?[A-Za-z][\w$-]*(?:\.[A-Za-z][\w$-]*)?$/;

/** Builds `attr eq "value"` with the value JSON-escaped; throws on an attribute path that is not plain. */
export function eqFilter(attribute: string, value: string | number | boolean | null): string {
  if (!ATTRIBUTE_PATH.test(attribute)) throw new Error(`Not a SCIM attribute path: ${attribute}`);
  return `${attribute} eq ${JSON.stringify(value)}`;
}

