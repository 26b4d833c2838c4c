import "server-only";
import { requirePermission } from "@/lib/authz";
import { db, dbProvider, Prisma } from "@/lib/db";
import type { ListParams } from "@/lib/list-params";
import type { ReportFilters, ReportOutcome } from "./report-filters";
import { reportWhere, ROW_COLUMNS, toReportRow, type RawRow, type ReportRow } from "./report-sql";

export const REPORT_SORT_KEYS = ["at"] as const;
export type ReportSortKey = (typeof REPORT_SORT_KEYS)[number];

/** One page of events, ordered by (at, id) so rows with equal times keep their place across pages. */
export async function listReportEvents(filters: ReportFilters, params: ListParams<ReportSortKey>): Promise<ReportRow[]> {
  await requirePermission("reports:read");
  const dir = params.dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const rows = await db.$queryRaw<RawRow[]>(Prisma.sql`
    SELECT ${ROW_COLUMNS} FROM "ProvisioningEvent"
    WHERE ${reportWhere(filters)}
    ORDER BY "at" ${dir}, "id" ${dir}
    LIMIT ${params.pageSize} OFFSET ${(params.page - 1) * params.pageSize}`);
  return rows.map(toReportRow);
}

/** Events per time bucket and outcome; bucket is the UTC hour ("2026-11-22T16") or day ("2026-11-22"). */
export type ReportBucket = { bucket: string; outcome: ReportOutcome | string; count: number };

/** Hour buckets up to this span; days beyond (the browser regroups hours into the viewer's days). */
const HOURLY_UP_TO_MS = 31 * 24 * 3_600_000;

/** Counts per bucket and outcome, computed in SQL; their sum is the exact total of the filtered result. */
export async function reportBuckets(filters: ReportFilters): Promise<{ unit: "hour" | "day"; buckets: ReportBucket[] }> {
  await requirePermission("reports:read");
  const unit = filters.to.getTime() - filters.from.getTime() <= HOURLY_UP_TO_MS ? "hour" : "day";
  type Raw = { bucket: string; outcome: string; count: number | bigint };
  const where = reportWhere(filters);
  // PostgreSQL groups on date_trunc (cheap) and formats only the grouped rows; SQLite's ISO text
  // is cut to the hour or day directly.
  const rows =
    dbProvider === "postgresql"
      ? await db.$queryRaw<Raw[]>(Prisma.sql`
          SELECT to_char("b", ${unit === "hour" ? 'YYYY-MM-DD"T"HH24' : "YYYY-MM-DD"}) AS "bucket", "outcome", "count" FROM (
            SELECT date_trunc(${unit}, "at") AS "b", "outcome", COUNT(*) AS "count" FROM "ProvisioningEvent"
            WHERE ${where} GROUP BY 1, 2
          ) AS "t" ORDER BY 1, 2`)
      : await db.$queryRaw<Raw[]>(Prisma.sql`
          SELECT substr("at", 1, ${unit === "hour" ? 13 : 10}) AS "bucket", "outcome", COUNT(*) AS "count" FROM "ProvisioningEvent"
          WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`);
  return { unit, buckets: rows.map((r) => ({ bucket: r.bucket, outcome: r.outcome, count: Number(r.count) })) };
}
