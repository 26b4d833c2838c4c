import { describe, expect, it } from "vitest";
import { activePatch, buildUserPatch, groupMemberPatches, renameGroupPatch } from "./patch";
import { ENTERPRISE_USER_SCHEMA, PATCH_OP_MESSAGE, USER_SCHEMA, type ScimUser } from "./types";

const base: ScimUser = {
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
  userName: "jane",
  externalId: "c1",
  name: { givenName: "Jane", familyName: "Doe" },
  displayName: "Jane Doe",
  title: "Engineer",
  active: true,
  emails: [{ type: "work", primary: true, value: "jane@example.com" }],
  phoneNumbers: [{ type: "work", primary: true, value: "+1 555 0100" }],
  [ENTERPRISE_USER_SCHEMA]: { department: "Ops", employeeNumber: "7", manager: { value: "m-1" } },
};

describe("buildUserPatch", () => {
  it("returns null when nothing changed", () => {
    expect(buildUserPatch(base, structuredClone(base))).toBeNull();
  });

  it("sends only the changed attributes, with lowercase ops", () => {
    const patch = buildUserPatch(base, { ...base, title: "Lead", name: { givenName: "Janet", familyName: "Doe" } });
    expect(patch).toEqual({
      schemas: [PATCH_OP_MESSAGE],
      Operations: [
        { op: "replace", path: "name.givenName", value: "Janet" },
        { op: "replace", path: "title", value: "Lead" },
      ],
    });
  });

  it("addresses enterprise attributes by their URN path", () => {
    const next = { ...base, [ENTERPRISE_USER_SCHEMA]: { department: "Eng", employeeNumber: "7", manager: { value: "m-2" } } };
    expect(buildUserPatch(base, next)?.Operations).toEqual([
      { op: "replace", path: `${ENTERPRISE_USER_SCHEMA}:department`, value: "Eng" },
      { op: "replace", path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: { value: "m-2" } },
    ]);
  });

  it("changes an email through the work-type value path", () => {
    const next = { ...base, emails: [{ type: "work", primary: true, value: "jane.doe@example.com" }] };
    expect(buildUserPatch(base, next)?.Operations).toEqual([
      { op: "replace", path: 'emails[type eq "work"].value', value: "jane.doe@example.com" },
    ]);
  });

  it("sends active as a JSON boolean", () => {
    const ops = buildUserPatch(base, { ...base, active: false })?.Operations;
    expect(ops).toEqual([{ op: "replace", path: "active", value: false }]);
    expect(typeof ops?.[0].value).toBe("boolean");
  });

  it("removes attributes that were cleared", () => {
    const next: ScimUser = { ...base, title: undefined, phoneNumbers: [], [ENTERPRISE_USER_SCHEMA]: { department: "Ops", employeeNumber: "7" } };
    expect(buildUserPatch(base, next)?.Operations).toEqual([
      { op: "remove", path: "title" },
      { op: "remove", path: "phoneNumbers" },
      { op: "remove", path: `${ENTERPRISE_USER_SCHEMA}:manager` },
    ]);
  });

  it("adds an attribute that was absent with replace, and a new typed value with add", () => {
    const previous: ScimUser = { schemas: [USER_SCHEMA], userName: "jane", emails: [{ type: "work", value: "a@x.com" }] };
    const next: ScimUser = {
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      userName: "jane",
      emails: [{ type: "work", value: "a@x.com" }, { type: "home", value: "a@home.com" }],
      [ENTERPRISE_USER_SCHEMA]: { department: "Ops" },
    };
    expect(buildUserPatch(previous, next)?.Operations).toEqual([
      { op: "add", path: "emails", value: [{ type: "home", value: "a@home.com" }] },
      { op: "replace", path: `${ENTERPRISE_USER_SCHEMA}:department`, value: "Ops" },
    ]);
  });

  it("ignores server-owned attributes", () => {
    const previous = { ...base, id: "1", meta: { version: 'W/"1"' }, groups: [{ value: "g" }] };
    expect(buildUserPatch(previous, { ...base, id: "2", meta: { version: 'W/"2"' } })).toBeNull();
  });
});

describe("small patches", () => {
  it("builds the deactivate and rename operations", () => {
    expect(activePatch(false).Operations).toEqual([{ op: "replace", path: "active", value: false }]);
    expect(renameGroupPatch("Eng").Operations).toEqual([{ op: "replace", path: "displayName", value: "Eng" }]);
  });
});

describe("groupMemberPatches", () => {
  it("adds in one operation and removes with the members[value eq] filter", () => {
    expect(groupMemberPatches(["u1", "u2"], ["u3"])).toEqual([
      {
        schemas: [PATCH_OP_MESSAGE],
        Operations: [
          { op: "add", path: "members", value: [{ value: "u1" }, { value: "u2" }] },
          { op: "remove", path: 'members[value eq "u3"]' },
        ],
      },
    ]);
  });

  it("splits big changes into chunks of the given size", () => {
    const add = Array.from({ length: 5 }, (_, i) => `a${i}`);
    const patches = groupMemberPatches(add, ["r1", "r2"], 3);
    expect(patches).toHaveLength(3);
    expect(patches[0].Operations).toEqual([{ op: "add", path: "members", value: [{ value: "a0" }, { value: "a1" }, { value: "a2" }] }]);
    expect(patches[1].Operations).toEqual([
      { op: "add", path: "members", value: [{ value: "a3" }, { value: "a4" }] },
      { op: "remove", path: 'members[value eq "r1"]' },
    ]);
    expect(patches[2].Operations).toEqual([{ op: "remove", path: 'members[value eq "r2"]' }]);
  });

  it("defaults to 1000 members per request and returns nothing for no change", () => {
    const add = Array.from({ length: 2500 }, (_, i) => `u${i}`);
    expect(groupMemberPatches(add, []).map((p) => (p.Operations[0].value as unknown[]).length)).toEqual([1000, 1000, 500]);
    expect(groupMemberPatches([], [])).toEqual([]);
  });

  it("does not remove an id that is also being added", () => {
    expect(groupMemberPatches(["u1"], ["u1"])[0].Operations).toEqual([{ op: "add", path: "members", value: [{ value: "u1" }] }]);
  });
});
