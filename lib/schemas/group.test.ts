import { describe, expect, it } from "vitest";
import { groupInputSchema } from "./group";

function errorsOf(input: Record<string, unknown>) {
  const result = groupInputSchema.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) (out[String(issue.path[0])] ??= []).push(issue.message);
  return out;
}

describe("groupInputSchema", () => {
  it("trims the name and defaults a missing description to empty", () => {
    expect(groupInputSchema.parse({ name: "  Engineering  " })).toEqual({ name: "Engineering", description: "" });
  });

  it("keeps line breaks in the description and stores CRLF as LF", () => {
    expect(groupInputSchema.parse({ name: "Eng", description: "Line one\r\nLine two\nthree" }).description).toBe("Line one\nLine two\nthree");
  });

  it("counts a CRLF as one character against the 500 limit", () => {
    const description = `${"a".repeat(249)}\r\n${"b".repeat(250)}`;
    expect(groupInputSchema.parse({ name: "Eng", description }).description).toHaveLength(500);
  });

  it("keeps Unicode and text that looks like HTML as typed", () => {
    const parsed = groupInputSchema.parse({ name: "<b>Équipe</b> 開発", description: "<script>alert(1)</script>" });
    expect(parsed).toEqual({ name: "<b>Équipe</b> 開発", description: "<script>alert(1)</script>" });
  });

  it.each([
    [{ name: "" }, "name", "Name is required."],
    [{ name: "   " }, "name", "Name is required."],
    [{}, "name", "Name is required."],
    [{ name: "x".repeat(101) }, "name", "Name must be at most 100 characters."],
    [{ name: "a\nb" }, "name", "Name must not contain control characters."],
    [{ name: "Eng", description: "x".repeat(501) }, "description", "Description must be at most 500 characters."],
    [{ name: "Eng", description: "tab\there" }, "description", "Description must not contain control characters other than line breaks."],
    [{ name: "Eng", description: "bell\u0007" }, "description", "Description must not contain control characters other than line breaks."],
  ])("refuses %j with the %s message", (input, field, message) => {
    expect(errorsOf(input)[field]).toContain(message);
  });

  it("accepts a name of exactly 100 characters", () => {
    expect(groupInputSchema.parse({ name: "x".repeat(100) }).name).toHaveLength(100);
  });
});
