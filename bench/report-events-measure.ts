// The report benchmark's measuring process (bench/report-events.ts starts one per database lane, under the
// react-server condition with DATABASE_URL set). Seeds the events in SQL, times the report's query and
// page data path through lib/ as the console calls it, streams the full CSV export, and prints `RESULT {json}`.
import { runAs } from "@/lib/authz";
import { db, dbProvider } from "@/lib/db";
import { listReportEvents, reportBuckets } from "@/lib/reports/list-report-events";
import { exportReportCsv } from "@/lib/reports/export-report";
import { loadReport } from "@/lib/reports/load-report";
import { parseReportFilters, type RawParams } from "@/lib/reports/report-filters";
import { makeAdmin } from "@/test/factories";
import { percentile } from "./report";

const EVENTS = Number(process.env.BENCH_REPORT_EVENTS ?? 1_000_000);
const USERS = 100_000;
const APPS = 50;
const DAYS = 400;
const RUNS = Number(process.env.BENCH_REQUESTS ?? 40);
const CHUNK = 100_000;

/** One case's timings in ms. */
export type Timing = { name: string; query: string; rows: number; total: number; listP50: number; listP95: number; countP50: number; countP95: number; pageP50: number; pageP95: number };
/** What one lane measured. */
export type ReportBenchResult = { events: number; seedSeconds: number; cases: Timing[]; export: { rows: number; bytes: number; seconds: number; rssBeforeMb: number; rssPeakMb: number; heapPeakMb: number } };

/** Rows start..end-1 generated in SQL: the fastest way to write a million rows on either database. */
function seedSql(start: number, end: number, nowSeconds: number): string {
  // An hour short of 400 days, so the export of the full 400-day range holds every row.
  const span = DAYS * 86_400 - 3_600;
  // Row x is spread evenly over the 400 days (newest first) with a little jitter; users and apps are
  // scattered by multiplying with primes coprime to their counts.
  if (dbProvider === "postgresql") {
    return `INSERT INTO "ProvisioningEvent" ("id","at","appId","appName","subjectType","userId","userIdentifier","userSearch","action","outcome","httpStatus","scimType","message","durationMs","attempt","causedBy")
      SELECT 'e' || lpad(x::text, 8, '0'),
        (to_timestamp(${nowSeconds} - (x::bigint * ${span} / ${EVENTS}) - (x * 13 % 30)) AT TIME ZONE 'UTC')::timestamp(3),
        'app' || (x::bigint * 7919 % ${APPS}), 'Bench app ' || lpad((x::bigint * 7919 % ${APPS})::text, 2, '0'), 'user',
        'u' || (x::bigint * 7877 % ${USERS}), 'bench.user.' || lpad((x::bigint * 7877 % ${USERS})::text, 6, '0'),
        'bench.user.' || lpad((x::bigint * 7877 % ${USERS})::text, 6, '0') || ' bench.user.' || lpad((x::bigint * 7877 % ${USERS})::text, 6, '0') || '@example.test bench person ' || (x::bigint * 7877 % ${USERS}),
        (ARRAY['update','update','update','update','update','create','deactivate','reactivate','delete','group_push'])[x % 10 + 1],
        CASE WHEN x * 31 % 100 < 85 THEN 'success' WHEN x * 31 % 100 < 92 THEN 'failed' WHEN x * 31 % 100 < 96 THEN 'retrying' WHEN x * 31 % 100 < 98 THEN 'skipped' WHEN x * 31 % 100 < 99 THEN 'pending_approval' ELSE 'denied' END,
        CASE WHEN x * 31 % 100 < 85 THEN 200 WHEN x * 31 % 100 < 92 THEN 409 WHEN x * 31 % 100 < 96 THEN 503 ELSE NULL END,
        CASE WHEN x * 31 % 100 BETWEEN 85 AND 91 THEN 'uniqueness' ELSE NULL END,
        'Bench event', 20 + x % 400, 1 + x % 3, 'system'
      FROM generate_series(${start}, ${end - 1}) AS x`;
  }
  return `WITH RECURSIVE n(x) AS (SELECT ${start} UNION ALL SELECT x + 1 FROM n WHERE x < ${end - 1})
    INSERT INTO "ProvisioningEvent" ("id","at","appId","appName","subjectType","userId","userIdentifier","userSearch","action","outcome","httpStatus","scimType","message","durationMs","attempt","causedBy")
    SELECT 'e' || printf('%08d', x),
      strftime('%Y-%m-%dT%H:%M:%S', ${nowSeconds} - (x * ${span} / ${EVENTS}) - (x * 13 % 30), 'unixepoch') || '.000+00:00',
      'app' || (x * 7919 % ${APPS}), 'Bench app ' || printf('%02d', x * 7919 % ${APPS}), 'user',
      'u' || (x * 7877 % ${USERS}), 'bench.user.' || printf('%06d', x * 7877 % ${USERS}),
      printf('bench.user.%06d bench.user.%06d@example.test bench person %d', x * 7877 % ${USERS}, x * 7877 % ${USERS}, x * 7877 % ${USERS}),
      CASE x % 10 WHEN 5 THEN 'create' WHEN 6 THEN 'deactivate' WHEN 7 THEN 'reactivate' WHEN 8 THEN 'delete' WHEN 9 THEN 'group_push' ELSE 'update' END,
      CASE WHEN x * 31 % 100 < 85 THEN 'success' WHEN x * 31 % 100 < 92 THEN 'failed' WHEN x * 31 % 100 < 96 THEN 'retrying' WHEN x * 31 % 100 < 98 THEN 'skipped' WHEN x * 31 % 100 < 99 THEN 'pending_approval' ELSE 'denied' END,
      CASE WHEN x * 31 % 100 < 85 THEN 200 WHEN x * 31 % 100 < 92 THEN 409 WHEN x * 31 % 100 < 96 THEN 503 ELSE NULL END,
      CASE WHEN x * 31 % 100 BETWEEN 85 AND 91 THEN 'uniqueness' ELSE NULL END,
      'Bench event', 20 + x % 400, 1 + x % 3, 'system'
    FROM n`;
}

async function seedEvents(): Promise<number> {
  const started = Date.now();
  const nowSeconds = Math.floor(Date.now() / 1000);
  for (let start = 1; start <= EVENTS; start += CHUNK) {
    await db.$executeRawUnsafe(seedSql(start, Math.min(EVENTS + 1, start + CHUNK), nowSeconds));
    console.log(`  … ${Math.min(EVENTS, start + CHUNK - 1).toLocaleString("en-US")} events`);
  }
  // Statistics for the planners; on PostgreSQL also the visibility map that index-only scans need
  // (autovacuum keeps it in a live database).
  await db.$executeRawUnsafe(dbProvider === "postgresql" ? 'VACUUM ANALYZE "ProvisioningEvent"' : "ANALYZE");
  return (Date.now() - started) / 1000;
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const started = performance.now();
    await fn();
    if (i >= 3) samples.push(performance.now() - started); // the first runs warm caches
  }
  return samples;
}

async function measureCase(name: string, raw: RawParams): Promise<Timing> {
  const params = { page: 1, pageSize: 25, sort: "at" as const, dir: "desc" as const, q: "" };
  const { filters } = parseReportFilters(raw);
  const rows = (await listReportEvents(filters, params)).length;
  const total = (await reportBuckets(filters)).buckets.reduce((s, b) => s + b.count, 0);
  const list = await time(() => listReportEvents(parseReportFilters(raw).filters, params));
  const count = await time(() => reportBuckets(parseReportFilters(raw).filters));
  const page = await time(() => loadReport(raw));
  const query = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : v ? [[k, v]] : []))).toString();
  console.log(`  ${name}: ${rows} rows of ${total}; list p95 ${percentile(list, 95).toFixed(1)} ms, chart+count p95 ${percentile(count, 95).toFixed(1)} ms, page p95 ${percentile(page, 95).toFixed(1)} ms`);
  return { name, query, rows, total, listP50: percentile(list, 50), listP95: percentile(list, 95), countP50: percentile(count, 50), countP95: percentile(count, 95), pageP50: percentile(page, 50), pageP95: percentile(page, 95) };
}

async function measureExport(): Promise<ReportBenchResult["export"]> {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  let heapPeak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 50);
  const started = performance.now();
  const to = new Date();
  const from = new Date(to.getTime() - DAYS * 86_400_000);
  const response = await exportReportCsv({ from: from.toISOString(), to: to.toISOString() });
  const reader = response.body!.getReader();
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const b of value) if (b === 10) lines++;
  }
  clearInterval(sampler);
  const mb = (n: number) => n / 2 ** 20;
  return { rows: lines - 1, bytes, seconds: (performance.now() - started) / 1000, rssBeforeMb: mb(rssBefore), rssPeakMb: mb(rssPeak), heapPeakMb: mb(heapPeak) };
}

async function main() {
  console.log(`  seeding ${EVENTS.toLocaleString("en-US")} events (${APPS} apps, ${USERS.toLocaleString("en-US")} users, ${DAYS} days)…`);
  const seedSeconds = await seedEvents();
  const admin = await makeAdmin("auditor");
  const result = await runAs(admin, async (): Promise<ReportBenchResult> => {
    // A user and app with recent activity, so the first case returns rows.
    const recent = await db.provisioningEvent.findFirstOrThrow({ orderBy: { at: "desc" }, select: { userIdentifier: true, appName: true } });
    const cases = [
      await measureCase("end user + app + 7 days", { user: recent.userIdentifier, app: recent.appName, span: "7d" }),
      await measureCase("end user (part of email) + 30 days", { user: `${recent.userIdentifier.slice(-6)}@example`, span: "30d" }),
      await measureCase("app + 30 days", { app: recent.appName, span: "30d" }),
      await measureCase("no filter, 24 hours", { span: "24h" }),
      await measureCase("no filter, 30 days", { span: "30d" }),
      await measureCase("failed, 7 days", { status: "failed", span: "7d" }),
    ];
    console.log("  exporting every event as CSV…");
    const exported = await measureExport();
    console.log(`  export: ${exported.rows.toLocaleString("en-US")} rows in ${exported.seconds.toFixed(1)} s, RSS peak ${exported.rssPeakMb.toFixed(0)} MB`);
    return { events: EVENTS, seedSeconds, cases, export: exported };
  });
  console.log(`RESULT ${JSON.stringify(result)}`);
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
