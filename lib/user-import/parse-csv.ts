import Papa from "papaparse";
import { DomainError } from "@/lib/errors";
import { CUSTOM_ATTRIBUTE_KEY } from "@/lib/schemas/user";
import { count, CUSTOM_PREFIX, FILE_TOO_LARGE, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, REQUIRED_COLUMNS, TEMPLATE_COLUMNS, type ImportColumn } from "./limits";

/** One data row of the file: its row number as a spreadsheet shows it (header = row 1). */
export type RawRow = { row: number; values: Record<ImportColumn, string>; custom: Record<string, string> };

export type ParsedCsv = { rows: RawRow[]; ignoredColumns: string[]; customAttributes: string[] };

type ColumnTarget = { kind: "field"; field: ImportColumn } | { kind: "custom"; key: string };

const FIELD_BY_LOWER = new Map<string, ImportColumn>(TEMPLATE_COLUMNS.map((c) => [c.toLowerCase(), c]));

/** A file-level problem: shown next to the file input, nothing in the file is used. */
function fileError(message: string): DomainError {
  return new DomainError(message, { file: [message] });
}

/** Maps header cells to fields (case-insensitively) and `custom.<key>` columns to attributes. */
export function mapHeader(header: string[]): { targets: (ColumnTarget | null)[]; ignoredColumns: string[]; customAttributes: string[] } {
  const seen = new Map<string, string>();
  const ignoredColumns: string[] = [];
  const customAttributes: string[] = [];
  const targets = header.map((cell): ColumnTarget | null => {
    const name = cell.trim();
    if (name === "") return null;
    let target: ColumnTarget | null = null;
    let identity: string;
    if (name.toLowerCase().startsWith(CUSTOM_PREFIX)) {
      const key = name.slice(CUSTOM_PREFIX.length).trim();
      if (!CUSTOM_ATTRIBUTE_KEY.test(key)) {
        throw fileError(`Column "${name}": attribute names start with a letter and use letters, digits, _ . - (max 64).`);
      }
      target = { kind: "custom", key };
      identity = `${CUSTOM_PREFIX}${key}`;
      customAttributes.push(key);
    } else {
      const field = FIELD_BY_LOWER.get(name.toLowerCase());
      if (!field) {
        ignoredColumns.push(name);
        return null;
      }
      target = { kind: "field", field };
      identity = field;
    }
    const previous = seen.get(identity);
    if (previous !== undefined) throw fileError(`The column "${name}" appears more than once. Keep one and upload again.`);
    seen.set(identity, name);
    return target;
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length > 0) {
    throw fileError(`The file is missing the required ${missing.length === 1 ? "column" : "columns"} ${missing.join(", ")}. Start from the template.`);
  }
  return { targets, ignoredColumns, customAttributes };
}

/**
 * Parses the users CSV: header mapping, size and row limits, row numbers as in the file.
 * Values are kept as typed (validation is the next step); formulas like `=cmd()` stay plain text.
 */
export function parseUsersCsv(content: string): ParsedCsv {
  if (Buffer.byteLength(content, "utf8") > MAX_IMPORT_BYTES) {
    throw fileError(FILE_TOO_LARGE);
  }
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  if (text.includes("\uFFFD")) {
    throw fileError("The file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (Comma delimited)” and upload again.");
  }
  if (text.trim() === "") throw fileError("The file is empty. Add the header row and one row per user (download the template).");

  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [",", ";", "\t"] });
  const quoteError = parsed.errors.find((e) => e.code === "MissingQuotes" || e.code === "InvalidQuotes");
  if (quoteError) {
    const where = typeof quoteError.row === "number" ? `Row ${quoteError.row + 1}` : "A row";
    throw fileError(`${where} has a quote (") that is not closed. Fix it and upload again.`);
  }

  const [header = [], ...records] = parsed.data;
  const { targets, ignoredColumns, customAttributes } = mapHeader(header);

  const rows: RawRow[] = [];
  records.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === "")) return; // blank lines keep their number, import nothing
    const values = Object.fromEntries(TEMPLATE_COLUMNS.map((c) => [c, ""])) as Record<ImportColumn, string>;
    const custom: Record<string, string> = {};
    targets.forEach((target, column) => {
      const cell = cells[column] ?? "";
      if (!target) return;
      if (target.kind === "field") values[target.field] = cell;
      else if (cell.trim() !== "") custom[target.key] = cell;
    });
    rows.push({ row: index + 2, values, custom });
  });

  if (rows.length === 0) throw fileError("The file has no user rows below the header row.");
  if (rows.length > MAX_IMPORT_ROWS) {
    throw fileError(`The file has ${count(rows.length)} rows. Import at most ${count(MAX_IMPORT_ROWS)} rows at a time: split the file and import each part.`);
  }
  return { rows, ignoredColumns, customAttributes };
}
