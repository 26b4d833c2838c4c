// Provisioning latency and throughput: a change reaching a SCIM app, and 10,000 users granted at once.
// Each lane runs in its own process (bench/provisioning-measure.ts): lib/ picks its database from
// DATABASE_URL when it loads, and it needs the react-server condition that `server-only` expects.
import type { ProvisioningResult } from "./provisioning-measure";
import { runMeasuringProcess } from "./processes";
import { loadLine, machineLine, writeSection } from "./report";

export type Lane = "sqlite" | "postgres";

/** BENCH_PROVISION_USERS, default 10,000. */
export function provisionUsers(): number {
  const n = Number(process.env.BENCH_PROVISION_USERS ?? 10_000);
  return Number.isInteger(n) && n > 0 ? n : 10_000;
}

/** Runs the measuring process on a fresh database of `lane` and returns what it measured. */
export function benchProvisioning(lane: Lane, users: number): Promise<ProvisioningResult> {
  return runMeasuringProcess<ProvisioningResult>("bench/provisioning-measure.ts", lane, { env: { BENCH_PROVISION_USERS: String(users) } });
}

const ms = (v: number) => v.toFixed(1);
const yes = (ok: boolean) => (ok ? "yes" : "**no**");

/** Writes the "Provisioning latency and throughput" section of docs/benchmarks.md. */
export function writeProvisioningSection(results: { lane: Lane; result: ProvisioningResult }[], users: number, postgresMeasured: boolean, failedLanes: string[] = []): void {
  const concurrency = results[0]?.result.concurrency ?? 32;
  const appConcurrency = results[0]?.result.appConcurrency ?? 32;
  const changes = results[0]?.result.latency.changes ?? 200;
  const timeout = process.env.BENCH_PROVISION_TIMEOUT_S;
  const latencyRows = results.map(({ lane, result: { latency: l } }) => `| ${lane} | ${l.changes} | ${ms(l.p50)} | ${ms(l.p99)} | ${ms(l.max)} | ${yes(l.p50 <= 250 && l.p99 <= 1000)} |`);
  const throughputRows = results.map(({ lane, result: { throughput: t, throughputError } }) => {
    if (!t) return `| ${lane} | ${users.toLocaleString("en-US")} | failed: ${(throughputError ?? "unknown error").replace(/\|/g, "/")} | | | | | | | | | |`;
    const state = t.timedOut ? ` (stopped after ${t.convergeSeconds.toFixed(0)} s, BENCH_PROVISION_TIMEOUT_S)` : t.active < t.users ? ` (${t.failedJobs} failed jobs)` : "";
    const met = !t.timedOut && t.active === t.users && t.convergeSeconds <= 20 && t.workerPeakRssMb <= 300;
    return `| ${lane} | ${t.users.toLocaleString("en-US")} | ${t.active.toLocaleString("en-US")}${state} | ${t.enqueueSeconds.toFixed(1)} | ${t.convergeSeconds.toFixed(1)} | ${t.requests.toLocaleString("en-US")} | ${t.requestsPerSecond.toFixed(1)} | ${t.usersPerSecond.toFixed(1)} | ${t.workerPeakRssMb.toFixed(0)} (${t.workerIdleRssMb.toFixed(0)}) | ${t.standInPeakRssMb.toFixed(0)} | ${t.standInCeiling.toFixed(1)} | ${yes(met)} |`;
  });
  const body = [
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${machineLine()}; ${loadLine()}`,
    `- Command: \`BENCH_ONLY=provisioning BENCH_PROVISION_USERS=${users}${timeout ? ` BENCH_PROVISION_TIMEOUT_S=${timeout}` : ""} npm run bench\` (also part of \`npm run bench\`)`,
    `- Method: a fresh database per lane; a measuring process (bench/provisioning-measure.ts) makes the changes as an admin through lib/ and polls the database for the result.`,
    `- Latency: the in-process set-up of \`npm start\`: the worker (\`startWorker\`, limited to the benchmark's app, woken in-process after each commit) and the SCIM stand-in (test/scim-standin, SCIMMY on loopback) run in the measuring process. ${changes} users already provisioned to an app answering at once; ${changes} sequential title edits through \`updateUser\`; time from just before the call to the moment the stand-in receives that user's PATCH (its \`onRequest\` hook, same clock). Goal: p50 ≤ 250 ms, p99 ≤ 1 s.`,
    `- Throughput: the scale-out set-up: the stand-in (test/scim-standin/serve.ts, every answer taking 20 ms) and the worker each run in their own process, the worker started as \`npm run worker\` starts it (lib/background/worker-process.ts under tsx with its heap cap, WORKER_MAX_HEAP_MB default 192, WORKER_CONCURRENCY=${concurrency}, WORKER_APP_IDS limiting it to the benchmark's app, so the side loops do not run); it finds new jobs by its 1 s poll. ${users.toLocaleString("en-US")} active users in one group; \`createPolicy\` grants the group the app; time from the call until every account is active (enqueue included). Each new account costs a lookup (GET ?filter=userName eq) and a POST. The app's pacing is raised (600,000 writes/min, ${appConcurrency} in flight) so the engine, not the default limit, is measured. Goal: converged in ≤ 20 s (≥ 500 users/s) with the worker process's peak RSS (VmHWM) ≤ 300 MB; "idle" is its peak once loaded and polling, before the grant; the stand-in's peak RSS is shown apart. "Stand-in alone" is what a fresh stand-in process manages with a bare SCIM client in the measuring process (lookup + POST, 256 users, 64 at a time) just before the run: the engine cannot be faster than the app it talks to. The measuring process, the stand-in, the worker and the database share the machine's cores.`,
    users !== 10_000 ? `- Note: this run used ${users.toLocaleString("en-US")} users instead of 10,000 (BENCH_PROVISION_USERS).` : "",
    postgresMeasured ? "" : "- PostgreSQL did not answer: its lane was not measured.",
    failedLanes.length > 0 ? `- The run failed on ${failedLanes.join(" and ")} (see the command's output); no numbers for it.` : "",
    "",
    "| database | changes | p50 ms | p99 ms | max ms | p50 ≤ 250 ms and p99 ≤ 1 s |",
    "| --- | --- | --- | --- | --- | --- |",
    ...latencyRows,
    "",
    "| database | users | active | enqueue s | converge s | requests | requests/s | users/s | worker peak RSS MB (idle) | stand-in peak RSS MB | stand-in alone, users/s | ≤ 20 s and worker ≤ 300 MB |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...throughputRows,
  ].filter((l, i, all) => l !== "" || (all[i - 1] ?? "").startsWith("|") || (all[i + 1] ?? "").startsWith("|")).join("\n");
  writeSection("Provisioning latency and throughput", body);
}
