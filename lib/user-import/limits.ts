// Limits, columns and result shapes of the users CSV import. No server-only code here: the
// import wizard (a client component) reads the same limits to warn before uploading.

/** At most this many data rows per file (the header row not counted). */
export const MAX_IMPORT_ROWS = 10_000;
/** At most this many bytes per file. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Shown when a file is over MAX_IMPORT_BYTES (in the browser, the action and the parser alike). */
export const FILE_TOO_LARGE = `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files and import each one.`;
/** Rows created per createMany call (keeps every statement under both databases' parameter limits). */
export const IMPORT_CHUNK_SIZE = 500;
/** At most this many problem rows travel back to the browser; the counts stay exact. */
export const MAX_REPORTED_ROWS = 1_000;
/** How many ready rows the preview shows, so the person can check the columns landed right. */
export const SAMPLE_ROWS = 5;

/** The template's columns, in order. */
export const TEMPLATE_COLUMNS = [
  "userName",
  "email",
  "firstName",
  "lastName",
  "displayName",
  "title",
  "department",
  "phone",
  "employeeNumber",
  "managerUserName",
] as const;
export type ImportColumn = (typeof TEMPLATE_COLUMNS)[number];

/** Columns every file must have (the Add User form requires them too). */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ["userName", "email", "firstName", "lastName"];

/** Prefix of the columns that become custom attributes (`custom.costCenter`). */
export const CUSTOM_PREFIX = "custom.";

/** One problem with one row: the column (as in the template) and the message. */
export type RowIssue = { field: string; message: string };

/** A row that will not be imported, as the preview and the summary list it. */
export type RowReport = { row: number; userName: string; email: string; errors: RowIssue[] };

/** A ready row, as the preview shows it. */
export type ReadyRow = { row: number; userName: string; email: string; displayName: string; managerUserName: string };

/** What the preview step shows; nothing has been written yet. */
export type ImportPreview = {
  fileName: string;
  totalRows: number;
  readyCount: number;
  errorCount: number;
  /** Header names that match no field and no `custom.` prefix. */
  ignoredColumns: string[];
  /** Custom attribute names taken from `custom.<key>` columns. */
  customAttributes: string[];
  /** Rows with errors, in file order, at most MAX_REPORTED_ROWS of them. */
  errorRows: RowReport[];
  sampleRows: ReadyRow[];
};

/** What the import step reports. */
export type ImportResult = {
  fileName: string;
  created: number;
  skippedCount: number;
  /** Skipped rows, in file order, at most MAX_REPORTED_ROWS of them. */
  skipped: RowReport[];
};

/** "9,998 rows ready, 2 with errors" */
export function previewSummary(p: Pick<ImportPreview, "readyCount" | "errorCount">): string {
  const ready = `${count(p.readyCount)} ${p.readyCount === 1 ? "row" : "rows"} ready`;
  return p.errorCount === 0 ? `${ready}, no errors` : `${ready}, ${count(p.errorCount)} with errors`;
}

/** "Imported 9,998 users. 2 rows skipped." */
export function importSummary(r: Pick<ImportResult, "created" | "skippedCount">): string {
  const imported = `Imported ${count(r.created)} ${r.created === 1 ? "user" : "users"}.`;
  if (r.skippedCount === 0) return imported;
  return `${imported} ${count(r.skippedCount)} ${r.skippedCount === 1 ? "row" : "rows"} skipped.`;
}

/** A number as people read it in English ("10,000"). */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}
