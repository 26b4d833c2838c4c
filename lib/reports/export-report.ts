import "server-only";
import { requirePermission } from "@/lib/authz";
import { db, Prisma } from "@/lib/db";
import { csvHeaders, csvStream, type CsvColumn } from "./csv";
import { parseReportFilters, type RawParams, type ReportFilters } from "./report-filters";
import { sqlInstant } from "@/lib/db-sql";
import { reportWhere, ROW_COLUMNS, toReportRow, type RawRow, type ReportRow } from "./report-sql";

/** Rows read per query: memory holds one batch whatever the export's size. */
const BATCH = 1_000;

/** The export's columns; times are UTC ISO 8601. */
export const EXPORT_COLUMNS: CsvColumn<ReportRow>[] = [
  { header: "Time (UTC)", value: (r) => r.at },
  { header: "Application", value: (r) => r.appName },
  { header: "End user or group", value: (r) => r.userIdentifier },
  { header: "Subject type", value: (r) => r.subjectType },
  { header: "Action", value: (r) => r.action },
  { header: "Status", value: (r) => r.outcome },
  { header: "HTTP status", value: (r) => r.httpStatus },
  { header: "SCIM error type", value: (r) => r.scimType },
  { header: "Message", value: (r) => r.message },
  { header: "Duration (ms)", value: (r) => r.durationMs },
  { header: "Attempt", value: (r) => r.attempt },
  { header: "Caused by", value: (r) => r.causedBy },
  { header: "Event id", value: (r) => r.id },
];

/**
 * Every event of the filtered result, newest first, read in keyset batches on (at, id): each query seeks
 * straight to where the previous one stopped, so the millionth row costs what the first did.
 */
export async function* reportRowsForExport(filters: ReportFilters): AsyncGenerator<ReportRow> {
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    // The previous batch's last time becomes the range's upper bound, so the index range scan starts
    // there (an OR alone would make both databases re-read every earlier row); with at <= that time,
    // "after (at, id)" is just "earlier, or the same time with a smaller id".
    const where = after
      ? Prisma.sql`${reportWhere({ ...filters, to: after.at })} AND ("at" < ${sqlInstant(after.at)} OR "id" < ${after.id})`
      : reportWhere(filters);
    const raw: RawRow[] = await db.$queryRaw<RawRow[]>(Prisma.sql`
      SELECT ${ROW_COLUMNS} FROM "ProvisioningEvent"
      WHERE ${where}
      ORDER BY "at" DESC, "id" DESC LIMIT ${BATCH}`);
    for (const row of raw) yield toReportRow(row);
    if (raw.length < BATCH) return;
    const last = toReportRow(raw[raw.length - 1]);
    after = { at: new Date(last.at), id: last.id };
  }
}

/** The CSV download of exactly the filtered report (reports:read); the filters come from the page's URL. */
export async function exportReportCsv(raw: RawParams, now = new Date()): Promise<Response> {
  await requirePermission("reports:read");
  const { filters } = parseReportFilters(raw, now);
  const stamp = now.toISOString().slice(0, 16).replace(/[:T]/g, "-");
  return new Response(csvStream(EXPORT_COLUMNS, reportRowsForExport(filters)), {
    headers: csvHeaders(`provisioning-report-${stamp}.csv`),
  });
}
