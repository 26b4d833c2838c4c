// Provisioning Report at a million events: query and page-data times, and the full CSV export.
// Each lane runs in its own process (bench/report-events-measure.ts), as bench/provisioning.ts does.
import type { ReportBenchResult } from "./report-events-measure";
import { runMeasuringProcess } from "./processes";
import { machineLine, writeSection } from "./report";

type Lane = "sqlite" | "postgres";

function measure(lane: Lane): Promise<ReportBenchResult> {
  return runMeasuringProcess<ReportBenchResult>("bench/report-events-measure.ts", lane, { nodeArgs: ["--expose-gc"] });
}

const ms = (v: number) => v.toFixed(1);
const yes = (ok: boolean) => (ok ? "yes" : "**no**");

/** Runs the report benchmark on each lane and writes its section of docs/benchmarks.md. */
export async function benchReport(lanes: Lane[]): Promise<void> {
  const results: { lane: Lane; r: ReportBenchResult }[] = [];
  const failed: Lane[] = [];
  for (const lane of lanes) {
    console.log(`\nProvisioning Report on ${lane}:`);
    try {
      results.push({ lane, r: await measure(lane) });
    } catch (error) {
      console.error(error);
      failed.push(lane);
    }
  }
  const events = results[0]?.r.events ?? Number(process.env.BENCH_REPORT_EVENTS ?? 1_000_000);
  const caseRows = results.flatMap(({ lane, r }) =>
    r.cases.map(
      (c) =>
        `| ${lane} | ${c.name} | ${c.total.toLocaleString("en-US")} | ${ms(c.listP50)} / ${ms(c.listP95)} | ${ms(c.countP50)} / ${ms(c.countP95)} | ${ms(c.pageP50)} / ${ms(c.pageP95)} | ${yes(c.listP95 <= 50)} | ${yes(c.pageP95 <= 300)} |`,
    ),
  );
  const exportRows = results.map(
    ({ lane, r: { export: e, seedSeconds } }) =>
      `| ${lane} | ${e.rows.toLocaleString("en-US")} | ${(e.bytes / 2 ** 20).toFixed(0)} MB | ${e.seconds.toFixed(1)} s | ${Math.round(e.rows / e.seconds).toLocaleString("en-US")} | ${e.rssBeforeMb.toFixed(0)} → ${e.rssPeakMb.toFixed(0)} MB | ${e.heapPeakMb.toFixed(0)} MB | ${seedSeconds.toFixed(0)} s |`,
  );
  const body = [
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${machineLine()}`,
    `- Command: \`BENCH_ONLY=report npm run bench\` (BENCH_REPORT_EVENTS=${events}, BENCH_REQUESTS=${Number(process.env.BENCH_REQUESTS ?? 40)})`,
    `- Data: ${events.toLocaleString("en-US")} events over 400 days, 50 apps, 100,000 users, generated in SQL (bench/report-events-measure.ts), then ANALYZE (VACUUM ANALYZE on PostgreSQL).`,
    "- Method: lib functions called in-process as an auditor, each case run 40 times after 3 warm-ups. *List* = one page of 25 rows (the report query); *chart + count* = per-hour outcome counts, whose sum is the exact total (no separate COUNT); *page data* = `loadReport`, everything the page's server component awaits (list, chart, app-name list), so it is the page's server time minus React rendering. Goals: list p95 ≤ 50 ms, page p95 ≤ 300 ms.",
    failed.length > 0 ? `- Lanes that failed: ${failed.join(", ")} (see the bench log).` : "",
    lanes.length === 1 ? "- PostgreSQL did not answer: its lane was not measured." : "",
    "",
    "| database | case | matching events | list p50 / p95 ms | chart + count p50 / p95 ms | page data p50 / p95 ms | list ≤ 50 ms | page ≤ 300 ms |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...caseRows,
    "",
    "CSV export of every event (400-day range), streamed through `exportReportCsv` and read to the end:",
    "",
    "| database | rows | size | time | rows/s | process RSS before → peak | JS heap peak | seed time |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...exportRows,
  ]
    .filter((l, i, all) => l !== "" || (all[i - 1] ?? "") !== "")
    .join("\n");
  writeSection("Provisioning Report at 1,000,000 events", body);
  if (failed.length > 0) process.exitCode = 1;
  console.log("\nWrote docs/benchmarks.md");
}
