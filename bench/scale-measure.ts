// The pacing and scale-out benchmarks' measuring process (bench/scale.ts starts it per lane with
// DATABASE_URL set, under the react-server condition). The stand-ins and the workers run in their own
// processes (bench/processes.ts), the workers as `npm run worker` starts them, so this process only makes
// the changes and polls the database. Prints one `RESULT {json}` line.
//   BENCH_PART=paced: a Slack-paced app (Slack's /Users write limit scaled up 10x) - achieved rate and 429 share.
//   BENCH_PART=workers: 4 apps x BENCH_SCALE_USERS users, 1 worker process vs 4 (`lib/background/worker-process.ts`).
import type { Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { seedApp } from "@/lib/provisioning/test-support";
import { makeAdmin } from "@/test/factories";
import { seed } from "../prisma/seed";
import { grant, waitForActive } from "./converge";
import { startAll, startStandInProcess, startWorkerProcess, type StandInProcess, type WorkerProcess } from "./processes";

/** Slack's published limit on writes to /Users (180 a minute, burst 20) times BENCH_PACED_SCALE (default 10). */
const PACED_SCALE = Number(process.env.BENCH_PACED_SCALE ?? 10);
const PACED = { perMinute: 180 * PACED_SCALE, burst: 20 * PACED_SCALE };
const PACED_USERS = Number(process.env.BENCH_PACED_USERS ?? 1_500);
const SCALE_USERS = Number(process.env.BENCH_SCALE_USERS ?? 10_000);
const TIMEOUT_MS = Number(process.env.BENCH_PROVISION_TIMEOUT_S ?? 1800) * 1000;

/** What the paced part measured. */
export type PacedResult = { scale: number; users: number; writes: number; limited: number; seconds: number; allowedWrites: number; achievedShare: number; limitedShare: number; perMinute: number; burst: number };
/** What the workers part measured: seconds to converge 4 apps with 1 and with 4 worker processes. */
export type WorkersResult = { usersPerApp: number; apps: number; concurrency: number; runs: { workers: number; seconds: number; active: number; requests: number; peakWorkerRssMb: number }[] };

/** WORKER_CONCURRENCY of every worker process, and each app's maxConcurrency in the scale-out part. */
const SCALE_CONCURRENCY = 64;

async function seededGroup(users: number, label: string) {
  await seed(db, { users, groups: 1 });
  await db.user.updateMany({ data: { active: true } });
  const group = await db.group.findFirstOrThrow({ where: { nameKey: "seed group 001" } });
  console.log(`  ${label}: ${(await db.groupMember.count({ where: { groupId: group.id } })).toLocaleString("en-US")} users in one group`);
  return group;
}

async function paced(admin: Actor): Promise<PacedResult> {
  const group = await seededGroup(PACED_USERS, "paced");
  const standIn = await startStandInProcess({ slack: true, latencyMs: 20, rateLimit: PACED });
  let worker: WorkerProcess | undefined;
  try {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token, kind: "slack", patch: true });
    // Slack's limit on writes to /Users, scaled up (and its 4 in flight with it, at most 16).
    await db.app.update({ where: { id: app.id }, data: { rateLimitPerMinute: PACED.perMinute, rateLimitBurst: PACED.burst, maxConcurrency: Math.min(16, 4 * PACED_SCALE) } });
    worker = await startWorkerProcess({ WORKER_APP_IDS: app.id });
    await grant(admin, app.id, group.id);
    const { active } = await waitForActive([app.id], PACED_USERS, TIMEOUT_MS);
    await worker.stop();
    const counted = await standIn.stop();
    const seconds = counted.firstUserWriteAt !== null && counted.lastUserWriteAt !== null ? (counted.lastUserWriteAt - counted.firstUserWriteAt) / 1000 : 0;
    const allowedWrites = PACED.burst + (PACED.perMinute * seconds) / 60;
    const writes = counted.userWrites;
    console.log(`  paced: ${active} active, ${writes} writes in ${seconds.toFixed(1)} s (${counted.limited} answered 429)`);
    return { scale: PACED_SCALE, users: PACED_USERS, writes, limited: counted.limited, seconds, allowedWrites, achievedShare: writes / allowedWrites, limitedShare: counted.limited / Math.max(1, writes), ...PACED };
  } finally {
    await worker?.stop();
    await standIn.stop().catch(() => undefined);
  }
}

/** Converges 4 new apps (one stand-in process each) with `count` worker processes; the apps go afterwards. */
async function workersRun(admin: Actor, groupId: string, count: number): Promise<WorkersResult["runs"][number]> {
  const standIns: StandInProcess[] = await startAll(4, () => startStandInProcess({ latencyMs: 20 }));
  let children: WorkerProcess[] = [];
  try {
    const apps = [];
    for (const s of standIns) {
      const app = await seedApp({ baseUrl: s.baseUrl, token: s.token, patch: true });
      await db.app.update({ where: { id: app.id }, data: { rateLimitPerMinute: 600_000, rateLimitBurst: 100_000, maxConcurrency: SCALE_CONCURRENCY } });
      apps.push(app);
    }
    const env = { WORKER_CONCURRENCY: String(SCALE_CONCURRENCY), WORKER_APP_IDS: apps.map((a) => a.id).join(",") };
    children = await startAll(count, () => startWorkerProcess(env));
    const started = performance.now();
    for (const app of apps) await grant(admin, app.id, groupId);
    const { active } = await waitForActive(apps.map((a) => a.id), SCALE_USERS * apps.length, TIMEOUT_MS);
    const seconds = (performance.now() - started) / 1000;
    const peakWorkerRssMb = Math.max(...(await Promise.all(children.map((c) => c.stop()))).map((r) => r.peakRssMb));
    const requests = (await Promise.all(standIns.map((s) => s.stop()))).reduce((n, stats) => n + stats.requests, 0);
    console.log(`  ${count} worker process(es): ${active.toLocaleString("en-US")} accounts in ${seconds.toFixed(1)} s, peak worker RSS ${peakWorkerRssMb.toFixed(0)} MB`);
    // The next run starts from the same users with new apps: the old ones go with their jobs and accounts.
    await db.app.deleteMany({ where: { id: { in: apps.map((a) => a.id) } } });
    return { workers: count, seconds, active, requests, peakWorkerRssMb };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await Promise.all(standIns.map((s) => s.stop().catch(() => undefined)));
  }
}

async function workers(admin: Actor): Promise<WorkersResult> {
  const group = await seededGroup(SCALE_USERS, "workers");
  const runs: WorkersResult["runs"] = [];
  for (const count of [1, 4]) runs.push(await workersRun(admin, group.id, count));
  return { usersPerApp: SCALE_USERS, apps: 4, concurrency: SCALE_CONCURRENCY, runs };
}

async function main() {
  const admin = await makeAdmin("admin");
  try {
    const result = process.env.BENCH_PART === "workers" ? await workers(admin) : await paced(admin);
    console.log(`RESULT ${JSON.stringify(result)}`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
