import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { displayNameOf } from "@/lib/schemas/user";
import { MAX_REPORTED_ROWS, SAMPLE_ROWS, type ImportPreview } from "./limits";
import { parseUsersCsv } from "./parse-csv";
import { importFileSchema, type ImportFileInput } from "./schema";
import { checkAgainstDirectory, isReady, toReady, toReport, validateRows } from "./validate-rows";

/** Parses and checks a users CSV without writing anything: counts, problem rows, a sample. */
export async function previewUserImport(input: ImportFileInput): Promise<ImportPreview> {
  await requirePermission("users:write");
  const { fileName, content } = importFileSchema.parse(input);
  const parsed = parseUsersCsv(content);
  const rows = validateRows(parsed.rows);
  await checkAgainstDirectory(db, rows);

  const ready = rows.filter(isReady);
  const problems = rows.filter((r) => !isReady(r));
  return {
    fileName,
    totalRows: rows.length,
    readyCount: ready.length,
    errorCount: problems.length,
    ignoredColumns: parsed.ignoredColumns,
    customAttributes: parsed.customAttributes,
    errorRows: problems.slice(0, MAX_REPORTED_ROWS).map(toReport),
    sampleRows: ready.slice(0, SAMPLE_ROWS).map((r) => toReady(r, displayNameOf(r.data))),
  };
}
