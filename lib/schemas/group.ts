import { z } from "zod";
import { idField, requiredLine } from "./common";

export const GROUP_NAME_MAX = 100;
export const GROUP_DESCRIPTION_MAX = 500;

// Line breaks are fine in a description; every other control character (tab included) is not.
const DESCRIPTION_CONTROL_CHARS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;

/** A group description: optional, multi-line, at most 500 characters. */
export const groupDescriptionField = z
  .string({ error: "Description must be text." })
  // Browsers submit textarea line breaks as CRLF; store and count them as one character.
  .transform((v) => v.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .max(GROUP_DESCRIPTION_MAX, `Description must be at most ${GROUP_DESCRIPTION_MAX} characters.`)
      .refine((v) => !DESCRIPTION_CONTROL_CHARS.test(v), "Description must not contain control characters other than line breaks."),
  );

/** A group as the Create Group and Edit forms and their actions take it. Name is unique case-insensitively. */
export const groupInputSchema = z.object({
  name: requiredLine("Name", GROUP_NAME_MAX),
  description: groupDescriptionField.default(""),
});

export type GroupInput = z.infer<typeof groupInputSchema>;
/** What the form sends before parsing. */
export type GroupInputRaw = z.input<typeof groupInputSchema>;

/** The case-insensitive uniqueness key of a group name. */
export function groupNameKey(name: string): string {
  return name.trim().toLowerCase();
}

/** Selected user ids for bulk member changes, as they arrive from a form. */
export const memberIdsSchema = z.array(idField).max(10_000, "Select at most 10,000 users at a time.");

export const GROUP_SORT_KEYS = ["name", "createdAt", "memberCount"] as const;
export type GroupSortKey = (typeof GROUP_SORT_KEYS)[number];

export const GROUP_MEMBER_SORT_KEYS = ["userName", "displayName", "addedAt"] as const;
export type GroupMemberSortKey = (typeof GROUP_MEMBER_SORT_KEYS)[number];
