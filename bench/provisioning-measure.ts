// The provisioning benchmark's measuring process (bench/provisioning.ts starts one per database lane,
// under the react-server condition so lib/ loads as it does in the console, with DATABASE_URL set).
// Latency: the worker and the stand-in run in this process, as `npm start` runs its in-process worker
// (woken in-process after each commit). Throughput: the stand-in and the worker each run in their own
// process (bench/processes.ts), the worker started as `npm run worker` starts it, so its CPU and peak RSS
// are its own. Prints one `RESULT {json}` line.
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { seedApp, seedGroup } from "@/lib/provisioning/test-support";
import { startWorker } from "@/lib/provisioning/worker/start-worker";
import { updateUser } from "@/lib/users/update-user";
import { insertUser, makeAdmin } from "@/test/factories";
import { ScimClient } from "@/lib/scim/client";
import { startScimStandIn, type RecordedRequest } from "@/test/scim-standin";
import { seed } from "../prisma/seed";
import { peakRssMb, startStandInProcess, startWorkerProcess, type StandInProcess, type WorkerProcess } from "./processes";
import { grant, sleep, waitForActive } from "./converge";
import { percentile } from "./report";

const CHANGES = Number(process.env.BENCH_PROVISION_CHANGES ?? 200);
const USERS = Number(process.env.BENCH_PROVISION_USERS ?? 10_000);
const CONVERGE_TIMEOUT_MS = Number(process.env.BENCH_PROVISION_TIMEOUT_S ?? 1800) * 1000;
const ARRIVAL_TIMEOUT_MS = 10_000;
/** Requests in flight to the throughput app (its maxConcurrency); the worker process runs at least as many jobs. */
const THROUGHPUT_APP_CONCURRENCY = Number(process.env.BENCH_APP_CONCURRENCY ?? 32);
/** WORKER_CONCURRENCY of the throughput worker process: the environment's, but never below the app's limit. */
const WORKER_CONCURRENCY = Math.max(Number(process.env.WORKER_CONCURRENCY) || 0, THROUGHPUT_APP_CONCURRENCY);

/** What one lane measured; bench/provisioning.ts turns it into the docs table. */
export type ProvisioningResult = {
  /** WORKER_CONCURRENCY of the throughput worker process, and the app's maxConcurrency. */
  concurrency: number;
  appConcurrency: number;
  latency: { changes: number; p50: number; p99: number; max: number };
  /** Set when the grant itself failed (e.g. the enqueue transaction expired); throughput is then null. */
  throughputError?: string;
  throughput: null | { users: number; active: number; failedJobs: number; enqueueSeconds: number; convergeSeconds: number; requests: number; requestsPerSecond: number; usersPerSecond: number; timedOut: boolean; workerPeakRssMb: number; workerIdleRssMb: number; standInPeakRssMb: number; standInCeiling: number };
};

/**
 * 1. One change -> the PATCH arriving at the app, for CHANGES sequential title edits of provisioned users.
 * The worker runs in this process (limited to this app), as `npm start` runs it: woken in-process after each
 * commit. The stand-in stays here too so its `onRequest` hook times the arrival on the same clock.
 */
async function measureLatency(admin: Actor) {
  const waiters = new Map<string, () => void>();
  const standIn = await startScimStandIn({
    onRequest: (request: RecordedRequest) => {
      if (request.method === "PATCH") waiters.get(request.path)?.();
    },
  });
  const controller = new AbortController();
  let worker: Promise<void> | undefined;
  try {
    const users = [];
    for (let i = 0; i < CHANGES; i++) users.push(await insertUser({ department: "Bench" }));
    const group = await seedGroup(users.map((u) => u.id));
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token, patch: true });
    worker = startWorker({ signal: controller.signal, appIds: [app.id], onError: (m) => console.error(`  [worker] ${m}`) });
    await grant(admin, app.id, group.id);
    await waitForActive([app.id], users.length, 120_000);
    const accounts = await db.appAccount.findMany({ where: { appId: app.id, state: "active" }, select: { userId: true, remoteId: true } });
    const remoteIds = new Map(accounts.map((a) => [a.userId, a.remoteId]));
    if (remoteIds.size < users.length) {
      // Measured on the provisioned ones; the failures' reasons are printed so the run can be judged.
      const failed = await db.provisioningJob.findMany({ where: { appId: app.id, status: { not: "succeeded" } }, select: { status: true, lastError: true } });
      console.log(`  only ${remoteIds.size} of ${users.length} users were provisioned before the latency run: ${JSON.stringify(failed)}`);
    }

    const samples: number[] = [];
    for (const [i, user] of users.filter((u) => remoteIds.has(u.id)).entries()) {
      const path = `/Users/${remoteIds.get(user.id)}`;
      let arrived = 0;
      const arrival = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no PATCH for ${user.userName} within ${ARRIVAL_TIMEOUT_MS} ms`)), ARRIVAL_TIMEOUT_MS);
        waiters.set(path, () => {
          arrived = performance.now();
          clearTimeout(timer);
          resolve();
        });
      });
      const started = performance.now();
      await runAs(admin, () => updateUser(user.id, { userName: user.userName, email: user.email, firstName: user.firstName, lastName: user.lastName, title: `Bench title ${i}` }));
      await arrival;
      waiters.delete(path);
      samples.push(arrived - started);
    }
    return { changes: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99), max: Math.max(...samples) };
  } finally {
    controller.abort();
    await worker;
    await standIn.close();
  }
}

/**
 * What the stand-in alone manages on this machine now: users/s for lookup + POST, 64 at a time, from a
 * bare SCIM client in this process against a fresh stand-in process. The engine cannot beat it.
 */
async function standInCeiling(): Promise<number> {
  const standIn = await startStandInProcess({ latencyMs: 20 });
  try {
    const client = new ScimClient({ baseUrl: standIn.baseUrl, token: standIn.token });
    const users = 256;
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next < users) {
          const i = next++;
          await client.findUserByUserName(`ceiling.${i}`);
          await client.createUser({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: `ceiling.${i}`, active: true });
        }
      }),
    );
    return users / ((performance.now() - started) / 1000);
  } finally {
    await standIn.stop();
  }
}

/**
 * 2. USERS users granted by one group to one app answering in 20 ms: time until every account is active.
 * The stand-in and the worker each run in their own process; the worker finds the jobs by polling (1 s),
 * as a `npm run worker` process finds the console's.
 */
async function measureThroughput(admin: Actor): Promise<NonNullable<ProvisioningResult["throughput"]>> {
  console.log(`  seeding ${USERS.toLocaleString("en-US")} users in one group…`);
  await seed(db, { users: USERS, groups: 1 });
  await db.user.updateMany({ where: { userNameKey: { startsWith: "seed.user." } }, data: { active: true } });
  const group = await db.group.findFirstOrThrow({ where: { nameKey: "seed group 001" } });
  const members = await db.groupMember.count({ where: { groupId: group.id } });
  if (members !== USERS) throw new Error(`the seeded group has ${members} members, expected ${USERS}`);
  const ceiling = await standInCeiling();
  console.log(`  the stand-in alone: ${ceiling.toFixed(1)} users/s (lookup + POST, 64 at a time)`);

  let standIn: StandInProcess | undefined;
  let worker: WorkerProcess | undefined;
  try {
    standIn = await startStandInProcess({ latencyMs: 20 });
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token, patch: true });
    // The app answers everything in 20 ms and publishes no limit: pacing is raised out of the way, as an
    // admin would for such an app, so the engine itself is measured (the defaults allow 10 writes/s).
    await db.app.update({ where: { id: app.id }, data: { rateLimitPerMinute: 600_000, rateLimitBurst: 100_000, maxConcurrency: THROUGHPUT_APP_CONCURRENCY } });
    worker = await startWorkerProcess({ WORKER_CONCURRENCY: String(WORKER_CONCURRENCY), WORKER_APP_IDS: app.id });

    // Before any job: what the worker process holds once loaded (code, Prisma, connections) and polling.
    await sleep(1_500);
    const workerIdleRssMb = peakRssMb(worker.pid);
    console.log(`  creating the policy and waiting for every account to be active (worker pid ${worker.pid}, ${workerIdleRssMb.toFixed(0)} MB idle; stand-in pid ${standIn.pid})…`);
    const started = performance.now();
    await grant(admin, app.id, group.id);
    const enqueueSeconds = (performance.now() - started) / 1000;
    const { active, timedOut } = await waitForActive([app.id], USERS, CONVERGE_TIMEOUT_MS);
    const convergeSeconds = (performance.now() - started) / 1000;
    const { peakRssMb: workerPeakRssMb } = await worker.stop();
    const counted = await standIn.stop();
    console.log(`  worker peak RSS ${workerPeakRssMb.toFixed(0)} MB, stand-in peak RSS ${counted.peakRssMb.toFixed(0)} MB`);
    const failedJobs = await db.provisioningJob.count({ where: { appId: app.id, status: "failed" } });
    return {
      users: USERS,
      active,
      failedJobs,
      enqueueSeconds,
      convergeSeconds,
      requests: counted.requests,
      requestsPerSecond: counted.requests / convergeSeconds,
      usersPerSecond: active / convergeSeconds,
      timedOut,
      workerPeakRssMb,
      workerIdleRssMb,
      standInPeakRssMb: counted.peakRssMb,
      standInCeiling: ceiling,
    };
  } finally {
    await worker?.stop();
    await standIn?.stop().catch(() => undefined);
  }
}

async function main() {
  const admin = await makeAdmin("admin");
  const base = { concurrency: WORKER_CONCURRENCY, appConcurrency: THROUGHPUT_APP_CONCURRENCY };
  try {
    console.log(`  latency: ${CHANGES} sequential changes…`);
    const latency = await measureLatency(admin);
    console.log(`  latency: p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`);
    // A failed grant still leaves the latency numbers in the docs, with the reason next to them.
    const result: ProvisioningResult = await measureThroughput(admin).then(
      (throughput) => ({ ...base, latency, throughput }),
      (error: unknown) => {
        console.error(error);
        return { ...base, latency, throughput: null, throughputError: error instanceof Error ? error.message.trim().split("\n").at(-1) : String(error) };
      },
    );
    console.log(`RESULT ${JSON.stringify(result)}`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
