import { describe, expect, it } from "vitest";
import { defaultMapping } from "@/lib/scim/mapping";
import { appSettingsSchema, baseUrlField, isScimTarget } from "./app";

describe("isScimTarget", () => {
  it.each([
    "userName",
    "externalId",
    "name.givenName",
    'emails[type eq "work"].value',
    'phoneNumbers[type eq "mobile"].value',
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.managerId",
    "urn:acme:scim:schemas:extension:custom:2.0:User:costCenter",
  ])("accepts %s", (target) => expect(isScimTarget(target)).toBe(true));

  it.each(["", "user name", "name..givenName", "a.b.c", "emails[type eq work].value", "urn:bad", "urn:acme:2.0:user:costCenter", "urn:acme:2.0:User:", "<script>"])(
    "refuses %j",
    (target) => expect(isScimTarget(target)).toBe(false),
  );

  it("accepts every target of both default mappings", () => {
    for (const rule of [...defaultMapping("scim"), ...defaultMapping("slack")]) expect(isScimTarget(rule.target)).toBe(true);
  });
});

describe("baseUrlField", () => {
  it("drops trailing slashes and refuses credentials in the URL", () => {
    expect(baseUrlField.parse(" https://app.example.com/scim/v2/ ")).toBe("https://app.example.com/scim/v2");
    expect(baseUrlField.safeParse("https://user:pw@app.example.com/scim/v2").success).toBe(false);
    expect(baseUrlField.safeParse("javascript:alert(1)").success).toBe(false);
  });

  it("treats an empty token in settings as keep the current one", () => {
    expect(appSettingsSchema.parse({ name: "A", baseUrl: "https://a.example/scim/v2", token: "  " }).token).toBeUndefined();
  });
});
