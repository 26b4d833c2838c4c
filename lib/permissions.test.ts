import { describe, expect, it } from "vitest";
import { can, PERMISSION_NAMES, PERMISSIONS, ROLES, type Permission, type Role } from "./permissions";

// The whole matrix, written out: a change to the table must change this test too.
const EXPECTED: Record<Role, Permission[]> = {
  admin: PERMISSION_NAMES,
  approver: ["users:read", "groups:read", "apps:read", "policies:read", "approvals:read", "approvals:decide", "reports:read"],
  auditor: ["users:read", "groups:read", "apps:read", "policies:read", "approvals:read", "reports:read", "audit:read"],
};

describe("permission table", () => {
  for (const role of ROLES) {
    for (const permission of PERMISSION_NAMES) {
      const expected = EXPECTED[role].includes(permission);
      it(`${role} ${expected ? "has" : "lacks"} ${permission}`, () => {
        expect(can(role, permission)).toBe(expected);
      });
    }
  }

  it("describes every permission", () => {
    for (const permission of PERMISSION_NAMES) expect(PERMISSIONS[permission].description.length).toBeGreaterThan(10);
  });

  it("gives auditors no write permission", () => {
    const writes = PERMISSION_NAMES.filter((p) => can("auditor", p) && !p.endsWith(":read"));
    expect(writes).toEqual([]);
  });
});
