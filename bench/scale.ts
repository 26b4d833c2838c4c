// Pacing and scale-out benchmarks: each part runs bench/scale-measure.ts on a fresh database and writes
// its section of docs/benchmarks.md with the machine, the command and the date.
import os from "node:os";
import type { Lane } from "./provisioning";
import { runMeasuringProcess } from "./processes";
import { loadLine, machineLine, writeSection } from "./report";
import type { PacedResult, WorkersResult } from "./scale-measure";

function measure<T>(lane: Lane, part: "paced" | "workers"): Promise<T> {
  return runMeasuringProcess<T>("bench/scale-measure.ts", lane, { env: { BENCH_PART: part } });
}

const yes = (ok: boolean) => (ok ? "yes" : "**no**");
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/** Slack-paced app: achieved rate vs allowed, share of 429s, per lane. */
export async function benchPaced(lanes: Lane[]): Promise<void> {
  const rows: string[] = [];
  let users = 0;
  let scale = 10;
  for (const lane of lanes) {
    console.log(`\nSlack-paced app on ${lane}:`);
    try {
      const r = await measure<PacedResult>(lane, "paced");
      users = r.users;
      scale = r.scale;
      rows.push(`| ${lane} | ${r.users.toLocaleString("en-US")} | ${r.writes.toLocaleString("en-US")} | ${r.seconds.toFixed(1)} | ${Math.round(r.allowedWrites).toLocaleString("en-US")} | ${pct(r.achievedShare)} | ${r.limited} (${pct(r.limitedShare)}) | ${yes(r.achievedShare >= 0.95 && r.limitedShare <= 0.01)} |`);
    } catch (error) {
      console.error(error);
      rows.push(`| ${lane} | failed: ${String(error).replace(/\|/g, "/")} | | | | | | |`);
      process.exitCode = 1;
    }
  }
  writeSection("Pacing: a Slack-paced app", [
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${machineLine()}; ${loadLine()}`,
    `- Command: \`BENCH_ONLY=pacing BENCH_PACED_USERS=${users || 1500} BENCH_PACED_SCALE=${scale} npm run bench\``,
    `- Method: the SCIM stand-in (test/scim-standin/serve.ts) runs in its own process in Slack mode and enforces Slack's published limit on writes to /Users (180 a minute, burst 20) scaled up ${scale}x to keep the run short: ${(180 * scale).toLocaleString("en-US")} a minute, burst ${20 * scale}, answering 429 + Retry-After beyond it, every answer taking 20 ms. The app's pacing is set to the same values (${Math.min(16, 4 * scale)} in flight); one worker process, started as \`npm run worker\` starts it (limited to the app with WORKER_APP_IDS), creates one account per user (a lookup and a POST each); the measuring process only grants the app and polls the database. The stand-in counts the writes and 429s it answered and reports them when it stops. Allowed writes over the run = burst + rate x (last write - first write). Goals: achieved ≥ 95 % of allowed, ≤ 1 % of writes answered 429.`,
    "",
    "| database | users | writes | seconds | allowed writes | achieved / allowed | answered 429 | goals met |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n"));
}

/** 4 apps x N users with 1 and 4 worker processes on PostgreSQL. */
export async function benchWorkers(): Promise<void> {
  console.log("\nScale-out on postgres:");
  let body: string;
  try {
    const r = await measure<WorkersResult>("postgres", "workers");
    const one = r.runs.find((x) => x.workers === 1);
    const four = r.runs.find((x) => x.workers === 4);
    const ratio = one && four ? one.seconds / four.seconds : 0;
    const rows = r.runs.map((x) => `| ${x.workers} | ${x.active.toLocaleString("en-US")} | ${x.seconds.toFixed(1)} | ${(x.active / x.seconds).toFixed(1)} | ${x.requests.toLocaleString("en-US")} | ${x.peakWorkerRssMb.toFixed(0)} |`);
    body = [
      `- Date: ${new Date().toISOString()}`,
      `- Machine: ${machineLine()}; ${loadLine()}`,
      `- Command: \`BENCH_ONLY=scale-out BENCH_SCALE_USERS=${r.usersPerApp} npm run bench\`${r.usersPerApp !== 10_000 ? ` (the goal names 10,000 users per app; this run used ${r.usersPerApp.toLocaleString("en-US")} to fit the session)` : ""}`,
      `- Method: PostgreSQL; ${r.apps} apps, each a SCIM stand-in answering in 20 ms in its own process (test/scim-standin/serve.ts), each granted the same group of ${r.usersPerApp.toLocaleString("en-US")} users; pacing raised out of the way (600,000/min, ${r.concurrency} in flight per app). The same grant is converged once by 1 worker process and once by 4, each started as \`npm run worker\` starts it (WORKER_CONCURRENCY=${r.concurrency}, WORKER_APP_IDS limiting them to the 4 apps); the measuring process only grants and polls the database. Time from the grants until every account is active. Goal: 4 workers ≥ 3x the throughput of 1.`,
      `- Ratio (1-worker time / 4-worker time): **${ratio.toFixed(2)}x** (goal ≥ 3x: ${yes(ratio >= 3)}). On this ${os.cpus().length}-core machine the worker processes, PostgreSQL and the four stand-in processes compete for the same cores, so CPU, not the claim, bounds the ratio; the claim itself lets workers run side by side (SKIP LOCKED on jobs; each app's pacing row is locked only for the few milliseconds of that app's claim).`,
      "",
      "| worker processes | accounts | seconds | accounts/s | requests | peak RSS of a worker, MB |",
      "| --- | --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n");
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
    body = `- Date: ${new Date().toISOString()}\n- The run failed: ${String(error)}`;
  }
  writeSection("Scale-out: 1 vs 4 worker processes on PostgreSQL", body);
}
