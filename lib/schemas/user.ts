import { z } from "zod";
import { emailField, idField, line, optionalLine, requiredLine } from "./common";

export const CUSTOM_ATTRIBUTE_KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
export const MAX_CUSTOM_ATTRIBUTES = 50;

/** Custom attributes: up to 50 key/value pairs, keys like `costCenter`, values one line. */
export const customAttributesField = z
  .record(z.string(), line("Attribute value", 512))
  .refine((o) => Object.keys(o).every((k) => CUSTOM_ATTRIBUTE_KEY.test(k)), "Attribute names start with a letter and use letters, digits, _ . - (max 64).")
  .refine((o) => Object.keys(o).length <= MAX_CUSTOM_ATTRIBUTES, `At most ${MAX_CUSTOM_ATTRIBUTES} custom attributes.`);

/**
 * A directory user as the Add User / Edit forms, the CSV import and the server actions take it.
 * userName: no spaces (SCIM apps treat it as a login), case-insensitively unique.
 */
export const userInputSchema = z.object({
  userName: requiredLine("User name", 128).refine((v) => !/\s/.test(v), "User name must not contain spaces."),
  email: emailField,
  firstName: requiredLine("First name", 64),
  lastName: requiredLine("Last name", 64),
  displayName: optionalLine("Display name", 128),
  title: optionalLine("Title", 128),
  department: optionalLine("Department", 128),
  phone: optionalLine("Phone", 32).refine(
    (v) => v === undefined || /^[+0-9 ()./-]{3,32}$/.test(v),
    "Phone may contain digits, spaces and + ( ) . / - only.",
  ),
  employeeNumber: optionalLine("Employee number", 64),
  managerId: z.preprocess((v) => (v === "" || v === null ? undefined : v), idField.optional()),
  customAttributes: customAttributesField.default({}),
});

export type UserInput = z.infer<typeof userInputSchema>;
/** What the form sends before parsing. */
export type UserInputRaw = z.input<typeof userInputSchema>;

/** The lowercase text the users list searches. */
export function userSearchText(u: Pick<UserInput, "userName" | "email" | "firstName" | "lastName"> & { displayName?: string | null }): string {
  return [u.userName, u.email, u.firstName, u.lastName, `${u.firstName} ${u.lastName}`, u.displayName ?? ""].join(" ").toLowerCase();
}

/** Display name, defaulting to "First Last". */
export function displayNameOf(u: Pick<UserInput, "firstName" | "lastName" | "displayName">): string {
  return u.displayName && u.displayName.length > 0 ? u.displayName : `${u.firstName} ${u.lastName}`;
}

export const USER_SORT_KEYS = ["userName", "email", "displayName", "lastName", "department", "createdAt"] as const;
export type UserSortKey = (typeof USER_SORT_KEYS)[number];
export const USER_STATUS_FILTERS = ["all", "active", "deactivated"] as const;

/** One or more user ids, as the bulk actions send them (a page holds at most 100 rows). */
export const userIdsSchema = z
  .array(idField)
  .min(1, "Select at least one user.")
  .max(1000, "Select at most 1,000 users at a time.");

/** A custom attribute row as the form sends it (repeated customKey / customValue fields). */
export type CustomAttributeRow = { key: string; value: string };

/** Rows -> the attributes object; blank rows are dropped, a value without a name or a name used twice is refused. */
export const customAttributeRowsField = z
  .array(z.object({ key: z.string().trim(), value: z.string() }))
  .transform((rows) => rows.filter((r) => r.key !== "" || r.value.trim() !== ""))
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    for (const row of rows) {
      if (row.key === "") ctx.addIssue({ code: "custom", message: "Give every attribute value a name." });
      else if (seen.has(row.key)) ctx.addIssue({ code: "custom", message: `The attribute name "${row.key}" is used twice.` });
      seen.add(row.key);
    }
  })
  .transform((rows) => Object.fromEntries(rows.map((r) => [r.key, r.value])))
  .pipe(customAttributesField);

/** The Add User / Edit form: the user schema with custom attributes as rows. */
export const userFormSchema = userInputSchema.extend({ customAttributes: customAttributeRowsField });

/** The form's custom attribute rows, in order. */
export function customAttributeRowsOf(formData: FormData): CustomAttributeRow[] {
  const keys = formData.getAll("customKey");
  const values = formData.getAll("customValue");
  return keys.map((key, i) => ({ key: String(key), value: String(values[i] ?? "") }));
}

const USER_FORM_FIELDS = ["userName", "email", "firstName", "lastName", "displayName", "title", "department", "phone", "employeeNumber", "managerId"] as const;

/** What the Add User / Edit form posted, shaped for userFormSchema. */
export function userFormInput(formData: FormData): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of USER_FORM_FIELDS) {
    const value = formData.get(field);
    input[field] = typeof value === "string" ? value : "";
  }
  input.customAttributes = customAttributeRowsOf(formData);
  return input;
}
