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
