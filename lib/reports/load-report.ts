import "server-only";
import { requirePermission } from "@/lib/authz";
import { parseListParams, type Page } from "@/lib/list-params";
import { listReportEvents, REPORT_SORT_KEYS, reportBuckets, type ReportBucket } from "./list-report-events";
import { reportAppNames } from "./report-app-names";
import { parseReportFilters, reportQuery, type RawParams, type ReportFilters } from "./report-filters";
import type { ReportRow } from "./report-sql";

/** What the Provisioning Report page renders. */
export type ReportView = {
  filters: ReportFilters;
  /** Messages about URL values that were ignored or adjusted. */
  problems: string[];
  page: Page<ReportRow>;
  sort: "at";
  dir: "asc" | "desc";
  chart: { unit: "hour" | "day"; buckets: ReportBucket[] };
  appNames: string[];
  /** The export link for exactly this result. */
  exportHref: string;
};

/** The page's whole data path: filters from the URL, one page of rows, the chart and the total (reports:read). */
export async function loadReport(raw: RawParams, now = new Date()): Promise<ReportView> {
  await requirePermission("reports:read");
  const params = parseListParams(raw, { sortKeys: REPORT_SORT_KEYS, defaultSort: "at", defaultDir: "desc" });
  const { filters, problems } = parseReportFilters(raw, now);
  const [rows, chart, appNames] = await Promise.all([listReportEvents(filters, params), reportBuckets(filters), reportAppNames()]);
  const unknown = filters.apps.filter((name) => !appNames.includes(name));
  // The filter stays (so the result is empty, never everything); the message says why.
  if (unknown.length > 0) problems.push(`No application is named ${unknown.map((n) => `"${n.slice(0, 60)}"`).join(", ")}, and no event mentions one.`);
  // The chart's buckets partition the result, so their sum is its exact total: no separate COUNT.
  const total = chart.buckets.reduce((sum, b) => sum + b.count, 0);
  return {
    filters,
    problems,
    page: { rows, total, page: params.page, pageSize: params.pageSize },
    sort: "at",
    dir: params.dir,
    chart,
    appNames,
    // Pinned to this view's instants, so "last 7 days" exports the rows on screen even a minute later.
    exportHref: `/api/reports/export?${reportQuery({ ...filters, span: "custom" }).toString()}`,
  };
}
