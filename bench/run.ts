// `npm run bench`: runs the benchmarks and writes docs/benchmarks.md (machine, command, date).
//   BENCH_USERS=100000 (default) BENCH_REQUESTS=40 npm run bench
//   BENCH_ONLY=provisioning BENCH_PROVISION_USERS=10000 (default) npm run bench: only the provisioning part (no build)
//   BENCH_ONLY=pacing BENCH_PACED_USERS=1500 (default): a Slack-paced app; BENCH_ONLY=scale-out BENCH_SCALE_USERS=10000 (default): 1 vs 4 workers (PostgreSQL)
//   BENCH_ONLY=report (1M events: report queries, page data, CSV export); BENCH_ONLY=access-at (access at T, purge)
//   BENCH_ONLY=admin-latency BENCH_LATENCY_USERS=10000 (default): admin saves while a worker process pushes (both databases)
//   BENCH_ONLY=console-memory BENCH_MEMORY_USERS=10000 (default): the console's peak RSS during a grant made in Chromium (SQLite)
import { execFileSync } from "node:child_process";
import { postgresAnswers } from "../scripts/test-db.mjs";
import { machineLine, writeSection } from "./report";
import { benchProvisioning, provisionUsers, writeProvisioningSection } from "./provisioning";
import { benchPaced, benchWorkers } from "./scale";
import { benchUsersList } from "./users-list";
import { benchReport } from "./report-events";
import { benchAdminLatency, writeAdminLatencySection } from "./admin-latency";
import { benchConsoleMemory, writeConsoleMemorySection } from "./console-memory";

const users = Number(process.env.BENCH_USERS ?? 100_000);

const only = process.env.BENCH_ONLY;

async function main() {
  const lanes: ("sqlite" | "postgres")[] = (await postgresAnswers()) ? ["sqlite", "postgres"] : ["sqlite"];
  if (!only || only === "users-list") await usersList(lanes);
  if (!only || only === "provisioning") await provisioning(lanes);
  if (!only || only === "pacing") await benchPaced(lanes);
  if ((!only || only === "scale-out") && lanes.includes("postgres")) await benchWorkers();
  if (!only || only === "report") await benchReport(lanes);
  if (!only || only === "access-at") accessAt(lanes);
  if (!only || only === "admin-latency") await measureLanes("Admin saves during a push", lanes, benchAdminLatency, writeAdminLatencySection);
  // The default set-up of `npm start` is the embedded database.
  if (!only || only === "console-memory") await measureLanes("Console memory during a grant", ["sqlite"], benchConsoleMemory, writeConsoleMemorySection);
}

// Runs one benchmark per lane; a lane that fails still leaves the others' numbers in the docs.
async function measureLanes<R>(title: string, lanes: ("sqlite" | "postgres")[], bench: (lane: "sqlite" | "postgres") => Promise<R>, write: (results: { lane: string; result: R }[]) => void) {
  const results: { lane: string; result: R }[] = [];
  for (const lane of lanes) {
    console.log(`\n${title} on ${lane}:`);
    try {
      const result = await bench(lane);
      console.log(`  ${JSON.stringify(result)}`);
      results.push({ lane, result });
    } catch (error) {
      console.error(error);
      process.exitCode = 1;
    }
  }
  if (results.length > 0) write(results);
}

// bench/access-at.ts seeds its own database per lane at import time, so each lane runs as its own process.
function accessAt(lanes: ("sqlite" | "postgres")[]) {
  for (const lane of lanes) {
    console.log(`\nAccess at a point in time and purge on ${lane}:`);
    execFileSync("node_modules/.bin/tsx", ["--conditions=react-server", "bench/access-at.ts"], { stdio: "inherit", env: { ...process.env, TEST_LANE: lane } });
  }
}

async function provisioning(lanes: ("sqlite" | "postgres")[]) {
  const count = provisionUsers();
  const results = [];
  const failed: string[] = [];
  for (const lane of lanes) {
    console.log(`\nProvisioning on ${lane}:`);
    // One lane failing still leaves the other lane's numbers in the docs.
    try {
      results.push({ lane, result: await benchProvisioning(lane, count) });
    } catch (error) {
      console.error(error);
      failed.push(lane);
    }
  }
  writeProvisioningSection(results, count, lanes.includes("postgres"), failed);
  if (failed.length > 0) process.exitCode = 1;
  console.log("\nWrote docs/benchmarks.md");
}

async function usersList(lanes: ("sqlite" | "postgres")[]) {
  console.log("Building once so every lane measures the same build…");
  execFileSync("node_modules/.bin/next", ["build"], { stdio: "inherit" });
  const rows: string[] = [];
  for (const lane of lanes) {
    console.log(`\nUsers list on ${lane}: seeding ${users.toLocaleString("en-US")} users…`);
    const r = await benchUsersList(lane, users);
    for (const c of r.results) {
      console.log(`  ${c.name}: p50 ${c.p50.toFixed(1)} ms, p95 ${c.p95.toFixed(1)} ms`);
      rows.push(`| ${lane} | ${c.name} | \`${c.path}\` | ${c.p50.toFixed(1)} | ${c.p95.toFixed(1)} | ${c.p95 <= 200 ? "yes" : "**no**"} |`);
    }
    rows.push(`| ${lane} | (seed of ${users.toLocaleString("en-US")} users + 200 groups) | | ${r.seedSeconds.toFixed(1)} s | | |`);
  }
  const body = [
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${machineLine()}`,
    `- Command: \`BENCH_USERS=${users} npm run bench\``,
    `- Method: a production build served by \`npm start\` on loopback; each page requested ${Number(process.env.BENCH_REQUESTS ?? 40)} times after 5 warm-up requests, signed in as an admin; time = full response (server render + transfer). Goal: p95 ≤ 200 ms.`,
    lanes.length === 1 ? "- PostgreSQL did not answer: its lane was not measured." : "",
    "",
    "| database | case | URL | p50 ms | p95 ms | p95 ≤ 200 ms |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].filter((l) => l !== "").join("\n");
  writeSection("Users list at 100,000 users", body);
  console.log("\nWrote docs/benchmarks.md");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
