import "server-only";
// SQL shared by the report's list, chart and export. Raw SQL because the chart buckets need date functions,
// the export needs keyset paging, and the search must escape LIKE wildcards itself (a literal match).
import { Prisma } from "@/lib/db";
import { likeContains, rawDate, sqlInstant } from "@/lib/db-sql";
import type { ReportFilters } from "./report-filters";

/** The WHERE clause (without the keyword) of a filter set. */
export function reportWhere(filters: ReportFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`"at" >= ${sqlInstant(filters.from)}`, Prisma.sql`"at" <= ${sqlInstant(filters.to)}`];
  if (filters.apps.length > 0) parts.push(Prisma.sql`"appName" IN (${Prisma.join(filters.apps)})`);
  if (filters.statuses.length > 0) parts.push(Prisma.sql`"outcome" IN (${Prisma.join(filters.statuses)})`);
  if (filters.actions.length > 0) parts.push(Prisma.sql`"action" IN (${Prisma.join(filters.actions)})`);
  if (filters.user) {
    const pattern = likeContains(filters.user.toLowerCase());
    // Rows written without userSearch (older writers) still match on their identifier.
    parts.push(
      Prisma.sql`("userSearch" LIKE ${pattern} ESCAPE '\\' OR ("userSearch" = '' AND lower("userIdentifier") LIKE ${pattern} ESCAPE '\\'))`,
    );
  }
  return Prisma.join(parts, " AND ");
}

/** The columns a report row needs (no detail: the list never shows it). */
export const ROW_COLUMNS = Prisma.sql`"id", "at", "appName", "userIdentifier", "subjectType", "action", "outcome", "httpStatus", "scimType", "message", "durationMs", "attempt", "causedBy"`;

/** A report row as raw SQL returns it. */
export type RawRow = {
  id: string;
  at: unknown;
  appName: string;
  userIdentifier: string;
  subjectType: string;
  action: string;
  outcome: string;
  httpStatus: number | bigint | null;
  scimType: string | null;
  message: string;
  durationMs: number | bigint | null;
  attempt: number | bigint;
  causedBy: string;
};

/** One event of the report, shaped for the table and the export. */
export type ReportRow = {
  id: string;
  at: string;
  appName: string;
  userIdentifier: string;
  subjectType: string;
  action: string;
  outcome: string;
  httpStatus: number | null;
  scimType: string | null;
  message: string;
  durationMs: number | null;
  attempt: number;
  causedBy: string;
};

const num = (v: number | bigint | null): number | null => (v === null ? null : Number(v));

/** Normalises a raw row (bigints, provider date types). */
export function toReportRow(r: RawRow): ReportRow {
  return {
    id: r.id,
    at: rawDate(r.at).toISOString(),
    appName: r.appName,
    userIdentifier: r.userIdentifier,
    subjectType: r.subjectType,
    action: r.action,
    outcome: r.outcome,
    httpStatus: num(r.httpStatus),
    scimType: r.scimType,
    message: r.message,
    durationMs: num(r.durationMs),
    attempt: Number(r.attempt),
    causedBy: r.causedBy,
  };
}
