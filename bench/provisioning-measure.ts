// The provisioning benchmark's measuring process (bench/provisioning.ts starts one per database lane,
// under the react-server condition so lib/ loads as it does in the console, with DATABASE_URL set).
// It runs the SCIM stand-ins and the worker in this process and prints one `RESULT {json}` line.
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { createPolicy } from "@/lib/policies/create-policy";
import { seedApp, seedGroup } from "@/lib/provisioning/test-support";
import { startWorker, workerConcurrency } from "@/lib/provisioning/worker/start-worker";
import { updateUser } from "@/lib/users/update-user";
import { insertUser, makeAdmin } from "@/test/factories";
import { startScimStandIn, type RecordedRequest } from "@/test/scim-standin";
import { seed } from "../prisma/seed";
import { percentile } from "./report";

const CHANGES = Number(process.env.BENCH_PROVISION_CHANGES ?? 200);
const USERS = Number(process.env.BENCH_PROVISION_USERS ?? 10_000);
const CONVERGE_TIMEOUT_MS = Number(process.env.BENCH_PROVISION_TIMEOUT_S ?? 1800) * 1000;
const ARRIVAL_TIMEOUT_MS = 10_000;

/** What one lane measured; bench/provisioning.ts turns it into the docs table. */
export type ProvisioningResult = {
  concurrency: number;
  latency: { changes: number; p50: number; p99: number; max: number };
  /** Set when the grant itself failed (e.g. the enqueue transaction expired); throughput is then null. */
  throughputError?: string;
  throughput: null | { users: number; active: number; failedJobs: number; enqueueSeconds: number; convergeSeconds: number; requests: number; requestsPerSecond: number; usersPerSecond: number; timedOut: boolean };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `count()` reaches `target`, or the app has no job left to run, or the timeout. */
async function waitForActive(appId: string, target: number, timeoutMs: number): Promise<{ active: number; timedOut: boolean }> {
  const deadline = Date.now() + timeoutMs;
  let lastLog = Date.now();
  for (;;) {
    const active = await db.appAccount.count({ where: { appId, state: "active" } });
    if (active >= target) return { active, timedOut: false };
    if (Date.now() > deadline) return { active, timedOut: true };
    const open = await db.provisioningJob.count({ where: { appId, status: { in: ["queued", "running"] } } });
    if (open === 0) return { active, timedOut: false };
    if (Date.now() - lastLog > 10_000) {
      console.log(`  … ${active.toLocaleString("en-US")} of ${target.toLocaleString("en-US")} active`);
      lastLog = Date.now();
    }
    await sleep(100);
  }
}

/** A policy granting the app to the group, created the way the console does (jobs queued in the same transaction). */
function grant(admin: Actor, appId: string, groupId: string) {
  return runAs(admin, () => createPolicy({ appId, groupIds: [groupId], name: `Bench policy ${appId}`, loginMethod: "None", enabled: true }));
}

/** 1. One change -> the PATCH arriving at the app, for CHANGES sequential title edits of provisioned users. */
async function measureLatency(admin: Actor) {
  const waiters = new Map<string, () => void>();
  const standIn = await startScimStandIn({
    onRequest: (request: RecordedRequest) => {
      if (request.method === "PATCH") waiters.get(request.path)?.();
    },
  });
  try {
    const users = [];
    for (let i = 0; i < CHANGES; i++) users.push(await insertUser({ department: "Bench" }));
    const group = await seedGroup(users.map((u) => u.id));
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token, patch: true });
    await grant(admin, app.id, group.id);
    await waitForActive(app.id, users.length, 120_000);
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
    await standIn.close();
  }
}

/** 2. USERS users granted by one group to one app answering in 20 ms: time until every account is active. */
async function measureThroughput(admin: Actor) {
  const standIn = await startScimStandIn({ latencyMs: 20 });
  try {
    console.log(`  seeding ${USERS.toLocaleString("en-US")} users in one group…`);
    await seed(db, { users: USERS, groups: 1 });
    await db.user.updateMany({ where: { userNameKey: { startsWith: "seed.user." } }, data: { active: true } });
    const group = await db.group.findFirstOrThrow({ where: { nameKey: "seed group 001" } });
    const members = await db.groupMember.count({ where: { groupId: group.id } });
    if (members !== USERS) throw new Error(`the seeded group has ${members} members, expected ${USERS}`);
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token, patch: true });

    console.log("  creating the policy and waiting for every account to be active…");
    const requestsBefore = standIn.requests.length;
    const started = performance.now();
    await grant(admin, app.id, group.id);
    const enqueueSeconds = (performance.now() - started) / 1000;
    const { active, timedOut } = await waitForActive(app.id, USERS, CONVERGE_TIMEOUT_MS);
    const convergeSeconds = (performance.now() - started) / 1000;
    const requests = standIn.requests.length - requestsBefore;
    const failedJobs = await db.provisioningJob.count({ where: { appId: app.id, status: "failed" } });
    return {
      users: USERS,
      active,
      failedJobs,
      enqueueSeconds,
      convergeSeconds,
      requests,
      requestsPerSecond: requests / convergeSeconds,
      usersPerSecond: active / convergeSeconds,
      timedOut,
    };
  } finally {
    await standIn.close();
  }
}

async function main() {
  const admin = await makeAdmin("admin");
  const controller = new AbortController();
  const concurrency = workerConcurrency();
  const worker = startWorker({ signal: controller.signal, concurrency, onError: (m) => console.error(`  [worker] ${m}`) });
  try {
    console.log(`  latency: ${CHANGES} sequential changes…`);
    const latency = await measureLatency(admin);
    console.log(`  latency: p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`);
    // A failed grant still leaves the latency numbers in the docs, with the reason next to them.
    const result: ProvisioningResult = await measureThroughput(admin).then(
      (throughput) => ({ concurrency, latency, throughput }),
      (error: unknown) => {
        console.error(error);
        return { concurrency, latency, throughput: null, throughputError: error instanceof Error ? error.message.trim().split("\n").at(-1) : String(error) };
      },
    );
    console.log(`RESULT ${JSON.stringify(result)}`);
  } finally {
    controller.abort();
    await worker;
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
