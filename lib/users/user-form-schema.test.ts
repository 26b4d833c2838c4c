import { describe, expect, it } from "vitest";
import { userFormInput, userFormSchema, userIdsSchema } from "@/lib/schemas/user";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

const base: [string, string][] = [
  ["userName", "ana"],
  ["email", "Ana@Example.test"],
  ["firstName", "Ana"],
  ["lastName", "López"],
];

function customErrors(rows: [string, string][]) {
  const result = userFormSchema.safeParse(userFormInput(form([...base, ...rows.flatMap(([k, v]) => [["customKey", k], ["customValue", v]] as [string, string][])])));
  return result.success ? [] : result.error.issues.filter((i) => i.path[0] === "customAttributes").map((i) => i.message);
}

describe("the user form schema", () => {
  it("builds custom attributes from repeated customKey/customValue fields, trimming and dropping blank rows", () => {
    const data = form([...base, ["customKey", " costCenter "], ["customValue", " 4711 "], ["customKey", ""], ["customValue", " "], ["customKey", "floor"], ["customValue", "3"]]);
    const parsed = userFormSchema.parse(userFormInput(data));
    expect(parsed.customAttributes).toEqual({ costCenter: "4711", floor: "3" });
    expect(parsed.email).toBe("ana@example.test");
    expect(parsed.title).toBeUndefined();
  });

  it.each([
    [[["", "orphan"]], "Give every attribute value a name."],
    [[["floor", "1"], ["floor", "2"]], 'The attribute name "floor" is used twice.'],
    [[["1floor", "1"]], "Attribute names start with a letter and use letters, digits, _ . - (max 64)."],
    [[["note", "two\nlines"]], "Attribute value must not contain control characters."],
  ] as [[string, string][], string][])("refuses custom attribute rows %o: %s", (rows, message) => {
    expect(customErrors(rows)).toContain(message);
  });

  it("refuses more than 50 custom attributes", () => {
    const rows = Array.from({ length: 51 }, (_, i) => [`attr${i}`, "x"] as [string, string]);
    expect(customErrors(rows)).toContain("At most 50 custom attributes.");
  });

  it("reads missing fields as empty, so required ones say they are required", () => {
    const result = userFormSchema.safeParse(userFormInput(form([])));
    expect(result.success).toBe(false);
    const messages = result.success ? [] : result.error.issues.map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining(["User name is required.", "Email is required.", "First name is required.", "Last name is required."]));
  });

  it("accepts 1 to 1,000 well-formed user ids only", () => {
    expect(userIdsSchema.safeParse(["abc", "def"]).success).toBe(true);
    expect(userIdsSchema.safeParse([]).success).toBe(false);
    expect(userIdsSchema.safeParse(["a b"]).success).toBe(false);
    expect(userIdsSchema.safeParse(Array.from({ length: 1001 }, (_, i) => `id${i}`)).success).toBe(false);
  });
});
