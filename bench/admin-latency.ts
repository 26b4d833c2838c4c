// Admin save latency on a busy database: a separate worker process pushes a 10,000-user grant while an
// admin saves (single edits and bulk deactivations of 25). The measuring process runs per database lane
// (bench/admin-latency-measure.ts) on a fresh database.
import type { AdminLatencyResult } from "./admin-latency-measure";
import { runMeasuringProcess } from "./processes";
import { loadLine, machineLine, writeSection } from "./report";

/** Runs the measuring process on a fresh database of `lane` and returns what it measured. */
export function benchAdminLatency(lane: "sqlite" | "postgres"): Promise<AdminLatencyResult> {
  return runMeasuringProcess<AdminLatencyResult>("bench/admin-latency-measure.ts", lane);
}

const ms = (v: number) => v.toFixed(0);

/** Writes the "Admin saves during a large push" section of docs/benchmarks.md. */
export function writeAdminLatencySection(results: { lane: string; result: AdminLatencyResult }[]): void {
  const rows = results.flatMap(({ lane, result: r }) => [
    `| ${lane} | worker idle (baseline) | ${r.baseline.saves} (${r.baseline.bulk} bulk) | ${r.baseline.errors} | ${ms(r.baseline.p50)} | ${ms(r.baseline.p99)} | ${ms(r.baseline.max)} | | |`,
    `| ${lane} | during the ${r.users.toLocaleString("en-US")}-user push (${r.pushSeconds.toFixed(0)} s) | ${r.underLoad.saves} (${r.underLoad.bulk} bulk) | ${r.underLoad.errors} | ${ms(r.underLoad.p50)} | ${ms(r.underLoad.p99)} | ${ms(r.underLoad.max)} | ${r.underLoad.errors === 0 && r.underLoad.p99 <= 500 ? "yes" : "**no**"} | ${r.workerPeakRssMb.toFixed(0)} |`,
  ]);
  writeSection(
    "Admin saves during a large push (separate worker)",
    [
      `- Date: ${new Date().toISOString()}`,
      `- Machine: ${machineLine()}; ${loadLine()}`,
      "- Command: `BENCH_ONLY=admin-latency npm run bench` (also part of `npm run bench`; BENCH_LATENCY_USERS sets the push's size)",
      "- Method: the scale-out set-up on a fresh database: a worker process started as `npm run worker` starts it (WORKER_CONCURRENCY=32) and a SCIM stand-in in its own process answering every request after 20 ms; the app's pacing is raised (600,000 writes/min, 32 in flight) so the worker writes as often as it can. The measuring process saves as an admin through lib/ (as the console's server actions do): a title edit (`updateUser`), and every 10th save a bulk deactivation of 25 users (`setUsersActive`), one save every 100 ms, each timed from the call to its commit. First 100 saves with the worker idle (baseline, same run), then from the grant (`createPolicy` for a group of all the users) until the push has finished. Goal: no save fails, p99 ≤ 500 ms during the push. The worker process's peak RSS (VmHWM) is shown beside the console's own in \"Console memory during a large grant\".",
      "",
      "| database | when | saves | failed | p50 ms | p99 ms | max ms | none failed, p99 ≤ 500 ms | worker process peak RSS MB |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n"),
  );
}
