import "server-only";
import type { Tx } from "@/lib/db";
import { userInputSchema, type UserInput } from "@/lib/schemas/user";
// The Add User form's own messages for the same conflicts.
import { EMAIL_TAKEN, OWN_MANAGER, USER_NAME_TAKEN } from "@/lib/users/user-rules";
import { IMPORT_CHUNK_SIZE, type ReadyRow, type RowIssue, type RowReport } from "./limits";
import type { RawRow } from "./parse-csv";

/** One row on its way in: what the file said, what is wrong with it, and where its manager is. */
export type ImportRow = {
  row: number;
  userName: string;
  email: string;
  managerUserName: string;
  userNameKey: string;
  emailKey: string;
  managerKey: string;
  errors: RowIssue[];
  /** The row as the Add User form would store it; null when the schema refused it. */
  data: UserInput | null;
  /** The manager when it is already in the directory. */
  managerId: string | null;
  /** The manager when it is another row of this file (set after insert). */
  managerRow: ImportRow | null;
};


function addError(row: ImportRow, field: string, message: string) {
  if (!row.errors.some((e) => e.field === field && e.message === message)) row.errors.push({ field, message });
}

function otherRows(rows: ImportRow[], self: ImportRow): string {
  const others = rows.filter((r) => r !== self).map((r) => r.row);
  const shown = others.slice(0, 3).join(", ");
  return `${others.length === 1 ? "row" : "rows"} ${shown}${others.length > 3 ? ` and ${others.length - 3} more` : ""}`;
}

function groupBy(rows: ImportRow[], key: (r: ImportRow) => string): Map<string, ImportRow[]> {
  const groups = new Map<string, ImportRow[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === "") continue;
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/**
 * Checks every row with the Add User schema (same messages), then what only a file can get
 * wrong: the same user name or email twice, and a user named as their own manager. No database.
 */
export function validateRows(raw: RawRow[]): ImportRow[] {
  const rows = raw.map((r): ImportRow => {
    const { managerUserName, ...fields } = r.values;
    const row: ImportRow = {
      row: r.row,
      userName: fields.userName.trim(),
      email: fields.email.trim(),
      managerUserName: managerUserName.trim(),
      userNameKey: fields.userName.trim().toLowerCase(),
      emailKey: fields.email.trim().toLowerCase(),
      managerKey: managerUserName.trim().toLowerCase(),
      errors: [],
      data: null,
      managerId: null,
      managerRow: null,
    };
    const parsed = userInputSchema.safeParse({ ...fields, customAttributes: r.custom });
    if (parsed.success) row.data = parsed.data;
    else {
      for (const issue of parsed.error.issues) {
        const [field, key] = issue.path;
        const name = field === "customAttributes" && typeof key === "string" ? `custom.${key}` : String(field ?? "row");
        addError(row, name, issue.message);
      }
    }
    if (row.managerKey !== "" && row.managerKey === row.userNameKey) addError(row, "managerUserName", OWN_MANAGER);
    return row;
  });

  for (const group of groupBy(rows, (r) => r.userNameKey).values()) {
    if (group.length > 1) for (const r of group) addError(r, "userName", `This user name is also in ${otherRows(group, r)} of the file.`);
  }
  for (const group of groupBy(rows, (r) => r.emailKey).values()) {
    if (group.length > 1) for (const r of group) addError(r, "email", `This email is also in ${otherRows(group, r)} of the file.`);
  }
  return rows;
}

function chunks<T>(items: T[], size = IMPORT_CHUNK_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Ids of directory users by lower-cased user name, looked up in batches. */
export async function idsByUserNameKey(client: Tx, keys: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const batch of chunks([...new Set(keys)].filter(Boolean))) {
    const users = await client.user.findMany({ where: { userNameKey: { in: batch } }, select: { id: true, userNameKey: true } });
    for (const u of users) found.set(u.userNameKey, u.id);
  }
  return found;
}

async function takenEmails(client: Tx, emails: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const batch of chunks([...new Set(emails)].filter(Boolean))) {
    const users = await client.user.findMany({ where: { email: { in: batch } }, select: { email: true } });
    for (const u of users) taken.add(u.email);
  }
  return taken;
}

/**
 * Checks rows against the directory (user names and emails already taken) and resolves
 * managers to a directory user or a row of the file. A row whose manager's row cannot be
 * imported cannot be imported either. Callers check the permission.
 */
export async function checkAgainstDirectory(client: Tx, rows: ImportRow[]): Promise<void> {
  const existing = await idsByUserNameKey(client, [...rows.map((r) => r.userNameKey), ...rows.map((r) => r.managerKey)]);
  const emails = await takenEmails(client, rows.map((r) => r.emailKey));
  for (const row of rows) {
    if (existing.has(row.userNameKey)) addError(row, "userName", USER_NAME_TAKEN);
    if (emails.has(row.emailKey)) addError(row, "email", EMAIL_TAKEN);
  }

  const byKey = groupBy(rows, (r) => r.userNameKey);
  for (const row of rows) {
    if (row.managerKey === "" || row.managerKey === row.userNameKey) continue;
    const managerId = existing.get(row.managerKey);
    const inFile = byKey.get(row.managerKey);
    if (managerId) row.managerId = managerId;
    else if (inFile) row.managerRow = inFile[0];
    else addError(row, "managerUserName", `No user named “${row.managerUserName}” in the directory or in this file.`);
  }
  cascadeManagerErrors(rows);
}

// Walks each manager chain once (iteratively: a 10,000-long chain must not overflow the stack).
// A cycle of otherwise valid rows is allowed, as it would be when editing users one by one.
function cascadeManagerErrors(rows: ImportRow[]) {
  const ok = new Map<ImportRow, boolean>();
  for (const start of rows) {
    const path: ImportRow[] = [];
    const onPath = new Set<ImportRow>();
    let cur: ImportRow | null = start;
    let result = true;
    while (cur) {
      const known = ok.get(cur);
      if (known !== undefined) {
        result = known;
        break;
      }
      if (cur.errors.length > 0) {
        ok.set(cur, false);
        result = false;
        break;
      }
      if (onPath.has(cur)) break;
      path.push(cur);
      onPath.add(cur);
      cur = cur.managerRow;
    }
    for (const r of path) {
      ok.set(r, result);
      if (!result && r.managerRow) addError(r, "managerUserName", `The manager’s row (row ${r.managerRow.row}) has errors, so the manager will not be imported.`);
    }
  }
}

/** True when the row can be imported. */
export function isReady(row: ImportRow): row is ImportRow & { data: UserInput } {
  return row.errors.length === 0 && row.data !== null;
}

/** The row as the preview and the summary list it. */
export function toReport(row: ImportRow): RowReport {
  return { row: row.row, userName: row.userName, email: row.email, errors: row.errors };
}

/** A ready row as the preview samples it. */
export function toReady(row: ImportRow & { data: UserInput }, displayName: string): ReadyRow {
  return { row: row.row, userName: row.data.userName, email: row.data.email, displayName, managerUserName: row.managerUserName };
}
