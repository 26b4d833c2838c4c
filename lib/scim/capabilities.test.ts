import { describe, expect, it } from "vitest";
import { capabilityReport, deriveCapabilities } from "./capabilities";

describe("deriveCapabilities", () => {
  it("reads flags, including string booleans and string numbers", () => {
    const caps = deriveCapabilities(
      { patch: { supported: "true" }, filter: { supported: true, maxResults: "500" }, bulk: { supported: false }, etag: {} },
      [{ name: "User", endpoint: "/Users", schema: "urn:ietf:params:scim:schemas:core:2.0:User" }],
    );
    expect(caps).toMatchObject({ patch: true, filter: true, maxResults: 500, bulk: false, etag: false, groups: false });
  });

  it("finds groups in ResourceTypes, or from /Groups answering when there are none", () => {
    const groupType = { name: "Group", endpoint: "/Groups", schema: "urn:ietf:params:scim:schemas:core:2.0:Group" };
    expect(deriveCapabilities({}, [groupType]).groups).toBe(true);
    expect(deriveCapabilities({}, null, true).groups).toBe(true);
    expect(deriveCapabilities({}, null, false).groups).toBe(false);
  });

  it("reports each capability in a sentence", () => {
    const lines = capabilityReport(deriveCapabilities({ patch: { supported: false } }, null));
    expect(lines[0]).toBe("PATCH: not supported; changes are sent as full replacements (PUT).");
    expect(lines).toHaveLength(7);
  });
});
