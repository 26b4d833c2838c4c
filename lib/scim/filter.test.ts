import { describe, expect, it } from "vitest";
import { eqFilter } from "./filter";

describe("eqFilter", () => {
  it("quotes a plain value", () => {
    expect(eqFilter("userName", "jane.doe@example.com")).toBe('userName eq "jane.doe@example.com"');
  });

  it("escapes a double quote as \\\" and a backslash as \\\\", () => {
    expect(eqFilter("userName", 'o"neil\\admin')).toBe('userName eq "o\\"neil\\\\admin"');
  });

  it("writes booleans and numbers as JSON literals", () => {
    expect(eqFilter("active", false)).toBe("active eq false");
    expect(eqFilter("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", 42)).toBe(
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq 42",
    );
  });

  it("accepts sub-attribute paths", () => {
    expect(eqFilter("emails.value", "a@x.com")).toBe('emails.value eq "a@x.com"');
  });

  it("refuses an attribute path that could inject filter syntax", () => {
    expect(() => eqFilter('userName eq "x" or userName', "y")).toThrow(/Not a SCIM attribute path/);
  });
});
