import { describe, expect, it } from "vitest";
import { defaultMapping } from "@/lib/scim/mapping";
import type { ScimUser } from "@/lib/scim/types";
import { adoptableAttributes, adoptionsFor, readPath } from "./adopt";
import { driftOf, mappedShape, matchAccount } from "./compare";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const user = (id: string, userName: string, email?: string, extra: Record<string, unknown> = {}) =>
  ({ id, userName, ...(email ? { emails: [{ value: email, type: "work", primary: true }] } : {}), ...extra }) as unknown as ScimUser;

describe("matching an account by userName, then email", () => {
  const a = user("1", "ana", "ana@x.test");
  const b = user("2", "ana.old", "ana@x.test");
  const c = user("3", "other", "other@x.test");
  it.each([
    ["one userName match, email agrees", [a], [a], { kind: "link", by: "userName" }],
    ["one userName match, no email match", [a], [], { kind: "link", by: "userName" }],
    ["no userName, one email match", [], [b], { kind: "link", by: "email" }],
    ["userName and email point at different accounts", [c], [a], { kind: "conflict", reason: "The userName matches one account and the email another." }],
    ["two accounts share the email", [], [a, b], { kind: "conflict", reason: "2 accounts in the app have this email." }],
    ["nothing", [], [], { kind: "none" }],
  ] as const)("%s", (_name, byName, byEmail, expected) => {
    expect(matchAccount([...byName], [...byEmail])).toMatchObject(expected);
  });
});

describe("drift", () => {
  const mapping = defaultMapping("scim");
  const shape = mappedShape(mapping);
  it("knows every attribute a mapping writes", () => {
    expect(Object.keys(shape).sort()).toEqual(["active", "displayName", "emails", "externalId", "name", "phoneNumbers", "schemas", "title", "userName", ENTERPRISE].sort());
    expect(Object.keys(shape[ENTERPRISE] as object).sort()).toEqual(["department", "employeeNumber", "manager"]);
  });
  it("ignores what the app adds itself but sees a mapped value set only in the app", () => {
    const desired = user("", "ana", "ana@x.test", { displayName: "Ana", active: true });
    const remote = user("9", "ana", "ana@x.test", { displayName: "Ana", active: false, title: "Set by hand", meta: { created: "x" }, name: { formatted: "Ana" } });
    expect(driftOf(remote, desired, shape).changes).toEqual([{ path: "title", from: "Set by hand", to: null }]);
    const withDept = { ...remote, [ENTERPRISE]: { department: "Ops", costCenter: "7" } } as unknown as ScimUser;
    expect(driftOf(withDept, desired, shape).changes).toEqual([
      { path: "title", from: "Set by hand", to: null },
      { path: `${ENTERPRISE}.department`, from: "Ops", to: null },
    ]);
  });
});

describe("adopting the app's value", () => {
  const mapping = defaultMapping("scim");
  it("offers plain directory fields only", () => {
    expect(adoptableAttributes(mapping).map((a) => a.source)).toEqual(["firstName", "lastName", "displayName", "title", "phone", "department", "employeeNumber"]);
    expect(adoptableAttributes(defaultMapping("slack")).some((a) => a.path === "userName")).toBe(false);
  });
  it("reads nested, filtered and extension paths", () => {
    const r = user("1", "ana", "ana@x.test", { name: { givenName: "Ana" }, phoneNumbers: [{ type: "work", value: "+1" }], [ENTERPRISE]: { department: "Ops" } });
    expect(readPath(r, "name.givenName")).toBe("Ana");
    expect(readPath(r, 'phoneNumbers[type eq "work"].value')).toBe("+1");
    expect(readPath(r, `${ENTERPRISE}:department`)).toBe("Ops");
  });
  it("adopts only chosen attributes that differ, and never blanks a name part", () => {
    const desired = user("", "ana", "ana@x.test", { title: "Engineer", name: { givenName: "Ana", familyName: "Lopez" } });
    const remote = user("1", "ana", "ana@x.test", { title: "Lead", name: { familyName: "Lopez" }, [ENTERPRISE]: { department: "Ops" } });
    const adoptions = adoptionsFor(remote, desired, mapping, ["title", "name.givenName", "displayName"], { title: "Engineer", firstName: "Ana" });
    expect(adoptions).toEqual([{ path: "title", source: "title", from: "Engineer", to: "Lead" }]);
  });
});
