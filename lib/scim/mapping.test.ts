import { describe, expect, it } from "vitest";
import { defaultMapping, mapUserToScim, toSlackUserName, type ConsoleUser } from "./mapping";
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from "./types";

const jane: ConsoleUser = {
  id: "cuid-1",
  userName: "Jane.O'Connor+ops@Example.com",
  email: "jane@example.com",
  firstName: "Jane",
  lastName: "O'Connor",
  displayName: "Jane O'Connor",
  title: "Engineer",
  department: "Ops",
  phone: "+1 555 0100",
  employeeNumber: "E-7",
  managerUserName: "Boss.Person@example.com",
  active: true,
  customAttributes: { costCenter: "CC-12", badge: null },
};

describe("defaultMapping('scim')", () => {
  it("maps every field, with the console id as externalId and the manager's remote id", () => {
    const user = mapUserToScim(jane, defaultMapping("scim"), { managerRemoteId: "remote-boss" });
    expect(user).toEqual({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      userName: "Jane.O'Connor+ops@Example.com",
      externalId: "cuid-1",
      name: { givenName: "Jane", familyName: "O'Connor" },
      displayName: "Jane O'Connor",
      emails: [{ type: "work", primary: true, value: "jane@example.com" }],
      title: "Engineer",
      phoneNumbers: [{ type: "work", primary: true, value: "+1 555 0100" }],
      [ENTERPRISE_USER_SCHEMA]: { department: "Ops", employeeNumber: "E-7", manager: { value: "remote-boss" } },
      active: true,
    });
  });

  it("leaves out empty values and the extension URN when no extension value is set", () => {
    const user = mapUserToScim({ id: "c2", userName: "bob", email: "bob@x.com", active: false, title: "" }, defaultMapping("scim"));
    expect(user.schemas).toEqual([USER_SCHEMA]);
    expect(user).not.toHaveProperty("title");
    expect(user).not.toHaveProperty(ENTERPRISE_USER_SCHEMA);
    expect(user.active).toBe(false);
  });
});

describe("defaultMapping('slack')", () => {
  const user = mapUserToScim(jane, defaultMapping("slack"));

  it("lowercases the userName, replaces disallowed characters and keeps it to 21 characters", () => {
    expect(user.userName).toBe("jane.o_connor_ops_exa");
    expect(user.userName.length).toBeLessThanOrEqual(21);
    expect(user.userName).toMatch(/^[a-z0-9._-]+$/);
  });

  it("sends one primary email and no externalId", () => {
    expect(user.emails).toEqual([{ type: "work", primary: true, value: "jane@example.com" }]);
    expect(user).not.toHaveProperty("externalId");
  });

  it("names the manager with managerId, not manager.value", () => {
    expect(user[ENTERPRISE_USER_SCHEMA]).toEqual({
      department: "Ops",
      employeeNumber: "E-7",
      manager: { managerId: "boss.person_example.c" },
    });
  });
});

describe("mapUserToScim", () => {
  it("maps custom attributes into a custom extension and lists its URN", () => {
    const rules = [
      { source: "userName" as const, target: "userName" },
      { source: "customAttributes.costCenter" as const, target: "urn:example:custom:2.0:User:costCenter" },
      { source: "customAttributes.badge" as const, target: "urn:example:custom:2.0:User:badge" },
    ];
    expect(mapUserToScim(jane, rules)).toEqual({
      schemas: [USER_SCHEMA, "urn:example:custom:2.0:User"],
      userName: "Jane.O'Connor+ops@Example.com",
      "urn:example:custom:2.0:User": { costCenter: "CC-12" },
    });
  });

  it("refuses a mapping without userName", () => {
    expect(() => mapUserToScim(jane, [{ source: "email", target: "displayName" }])).toThrow(/no userName/);
  });

  it("applies Slack's userName rules on their own", () => {
    expect(toSlackUserName("Guest User!")).toBe("guest_user_");
    expect(toSlackUserName("a".repeat(30))).toHaveLength(21);
  });
});
