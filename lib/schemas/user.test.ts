import { describe, expect, it } from "vitest";
import { userInputSchema } from "./user";

const valid = { userName: "ana.lopez", email: "Ana.Lopez@Example.com", firstName: "Ana", lastName: "López" };

function errorsOf(input: Record<string, unknown>) {
  const result = userInputSchema.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) (out[String(issue.path[0])] ??= []).push(issue.message);
  return out;
}

describe("userInputSchema", () => {
  it("accepts a minimal user and lower-cases the email", () => {
    const parsed = userInputSchema.parse(valid);
    expect(parsed.email).toBe("ana.lopez@example.com");
    expect(parsed.customAttributes).toEqual({});
  });

  it("keeps Unicode names (accents, CJK, RTL)", () => {
    for (const [firstName, lastName] of [["José", "Müller"], ["太郎", "山田"], ["مريم", "العلي"]]) {
      expect(userInputSchema.parse({ ...valid, firstName, lastName }).lastName).toBe(lastName);
    }
  });

  it.each([
    [{ email: "not-an-email" }, "email", "Enter a valid email address, like name@example.com."],
    [{ email: "" }, "email", "Email is required."],
    [{ firstName: "  " }, "firstName", "First name is required."],
    [{ lastName: "x".repeat(65) }, "lastName", "Last name must be at most 64 characters."],
    [{ userName: "has space" }, "userName", "User name must not contain spaces."],
    [{ title: "line\nbreak" }, "title", "Title must not contain control characters."],
    [{ phone: "call me" }, "phone", "Phone may contain digits, spaces and + ( ) . / - only."],
    [{ customAttributes: { "1bad": "x" } }, "customAttributes", "Attribute names start with a letter and use letters, digits, _ . - (max 64)."],
  ])("rejects %o on %s", (patch, field, message) => {
    expect(errorsOf({ ...valid, ...patch })[field]).toContain(message);
  });

  it("treats empty optional fields as absent", () => {
    const parsed = userInputSchema.parse({ ...valid, title: "", managerId: "", phone: " " });
    expect(parsed.title).toBeUndefined();
    expect(parsed.managerId).toBeUndefined();
    expect(parsed.phone).toBeUndefined();
  });
});
