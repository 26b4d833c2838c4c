// A probe of one worker's throughput: N users granted by one group to one app answering in 20 ms, the
// SCIM stand-in in a child process (so its CPU does not count against the worker), the worker in this
// process. Prints users/s, the claimed batch sizes and the SQL statements per job.
//
//   PROBE_LANE=sqlite|postgres PROBE_USERS=2000 npx tsx --conditions=react-server bench/engine-probe.ts
//
// PROBE_CONCURRENCY (default 64) is the worker's slots and the app's maxConcurrency. Without
// DATABASE_URL the probe creates a fresh database for the lane and drops it afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const LATENCY_MS = 20;

/** Child mode: a stand-in answering in 20 ms; prints its address and token, stops when stdin closes. */
async function standInChild(): Promise<void> {
  const { startScimStandIn } = await import("@/test/scim-standin");
  const standIn = await startScimStandIn({ latencyMs: LATENCY_MS });
  process.stdout.write(`${JSON.stringify({ baseUrl: standIn.baseUrl, token: standIn.token })}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => {
    const posts = standIn.requests.filter((r) => r.method === "POST").length;
    process.stderr.write(`  stand-in: ${standIn.requests.length} requests, ${posts} POST, ${standIn.users().length} users\n`);
    void standIn.close().then(() => process.exit(0));
  });
}

async function startStandInProcess(): Promise<{ child: ChildProcess; baseUrl: string; token: string }> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--standin"], { stdio: ["pipe", "pipe", "inherit"], env: process.env });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    rl.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the stand-in process exited (${code}) before it started`)));
  });
  const { baseUrl, token } = JSON.parse(line) as { baseUrl: string; token: string };
  return { child, baseUrl, token };
}

type SqlStats = Map<string, { n: number; ms: number }>;

/**
 * Counts SQL statements at the driver, whichever provider runs; with PROBE_SQL=1 also times them by
 * text (SQLite: execution; PostgreSQL: round trip including waits).
 */
async function countStatements(): Promise<{ count: () => number; stats: SqlStats }> {
  let n = 0;
  const stats: SqlStats = new Map();
  const timed = process.env.PROBE_SQL === "1";
  const note = (sql: unknown, ms: number) => {
    const key = String(typeof sql === "object" && sql !== null && "text" in sql ? (sql as { text: unknown }).text : sql).replace(/\s+/g, " ").slice(0, 160);
    const s = stats.get(key) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += ms;
    stats.set(key, s);
  };
  const pg = (await import("pg")).default;
  const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    n++;
    const t = performance.now();
    const out = query.apply(this, args);
    if (timed && out instanceof Promise) void out.finally(() => note(args[0], performance.now() - t)).catch(() => undefined);
    return out;
  } as typeof pg.Client.prototype.query;
  // better-sqlite3 is the adapter's own dependency: resolved from there so the same module is patched.
  const fromAdapter = createRequire(createRequire(import.meta.url).resolve("@prisma/adapter-better-sqlite3"));
  const Sqlite = fromAdapter("better-sqlite3") as typeof import("better-sqlite3");
  const prepare = Sqlite.prototype.prepare as (...a: unknown[]) => { all: (...a: unknown[]) => unknown; run: (...a: unknown[]) => unknown };
  Sqlite.prototype.prepare = function (this: unknown, ...args: unknown[]) {
    n++;
    const stmt = prepare.apply(this, args);
    if (timed) {
      for (const method of ["all", "run"] as const) {
        const original = stmt[method];
        stmt[method] = (...a: unknown[]) => {
          const t = performance.now();
          try {
            return original.apply(stmt, a);
          } finally {
            note(args[0], performance.now() - t);
          }
        };
      }
    }
    return stmt;
  } as typeof Sqlite.prototype.prepare;
  return { count: () => n, stats };
}

function histogram(sizes: number[]): string {
  const buckets = [0, 1, 2, 4, 8, 16, 32, 64, Infinity];
  const counts = buckets.slice(1).map(() => 0);
  for (const s of sizes) counts[buckets.findIndex((b, i) => s >= b && s < buckets[i + 1])]++;
  return buckets
    .slice(1)
    .map((b, i) => `[${buckets[i]}${b === Infinity ? "+" : `..${b - 1}`}]: ${counts[i]}`)
    .filter((_, i) => counts[i] > 0)
    .join("  ");
}

async function probe(): Promise<void> {
  const users = Number(process.env.PROBE_USERS ?? 2000);
  const concurrency = Number(process.env.PROBE_CONCURRENCY ?? 64);
  const lane = process.env.PROBE_LANE === "postgres" ? "postgres" : "sqlite";
  const testDb = await import("../scripts/test-db.mjs");
  const created = !process.env.DATABASE_URL;
  if (created) process.env.DATABASE_URL = testDb.createTestDatabase(lane, "probe");
  process.env.CREDENTIALS_ENCRYPTION_KEY ||= "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdA";
  process.env.AUTH_SECRET ||= "probe-auth-secret-not-for-production";
  const statements = await countStatements();
  const { db } = await import("@/lib/db");
  // As npm start does: WAL on SQLite (each commit appends to the log instead of rewriting a journal).
  await (await import("@/lib/database-health")).tuneDatabase();
  const { runAs } = await import("@/lib/authz");
  const { createPolicy } = await import("@/lib/policies/create-policy");
  const { seedApp, seedGroup } = await import("@/lib/provisioning/test-support");
  const { runWorker } = await import("@/lib/provisioning/worker/run-worker");
  const { SYSTEM_ACTOR } = await import("@/lib/provisioning/worker/start-worker");
  const { makeAdmin, unique } = await import("@/test/factories");

  const standIn = await startStandInProcess();
  try {
    const prefix = unique("probe");
    const rows = Array.from({ length: users }, (_, i) => {
      const userName = `${prefix}.${i}`;
      return { userName, userNameKey: userName, email: `${userName}@example.test`, firstName: "Probe", lastName: `User ${i}`, displayName: `Probe User ${i}`, searchText: userName, active: true };
    });
    for (let i = 0; i < rows.length; i += 500) await db.user.createMany({ data: rows.slice(i, i + 500) });
    const ids = (await db.user.findMany({ where: { userNameKey: { startsWith: `${prefix}.` } }, select: { id: true } })).map((u) => u.id);
    const group = await seedGroup(ids);
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token, patch: true });
    await db.app.update({ where: { id: app.id }, data: { rateLimitPerMinute: 600_000, rateLimitBurst: 100_000, maxConcurrency: concurrency } });
    const admin = await makeAdmin("admin");

    let started = performance.now();
    await runAs(admin, () => createPolicy({ appId: app.id, groupIds: [group.id], name: `Probe ${prefix}`, loginMethod: "None", enabled: true }));
    const enqueueSeconds = (performance.now() - started) / 1000;

    const sizes: number[] = [];
    let succeeded = 0;
    let failed = 0;
    let finish = () => {};
    const done = new Promise<void>((resolve) => (finish = resolve));
    const observe = {
      claimed: (n: number) => sizes.push(n),
      recorded: (r: { status: string }) => {
        if (r.status === "succeeded") succeeded++;
        else if (r.status === "failed") failed++;
        if (succeeded + failed >= users) finish();
      },
    };
    const controller = new AbortController();
    started = performance.now();
    const before = statements.count();
    const cpuBefore = process.cpuUsage();
    const windowStart = process.hrtime.bigint() / 1000n;
    const startRss = process.memoryUsage().rss;
    let peakRss = startRss;
    let peakHeap = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 100);
    const worker = runAs(SYSTEM_ACTOR, () => runWorker({ signal: controller.signal, concurrency, appIds: [app.id], observe, onError: (m) => console.error(`  [worker] ${m}`) }));
    await done;
    const seconds = (performance.now() - started) / 1000;
    const used = statements.count() - before;
    const cpu = process.cpuUsage(cpuBefore);
    // The drain's window in --cpu-prof's clock (µs), to read only its samples.
    console.log(`  window ${windowStart} ${process.hrtime.bigint() / 1000n}`);
    clearInterval(sampler);
    controller.abort();
    await worker;
    const nonEmpty = sizes.filter((s) => s > 0);
    const mean = nonEmpty.reduce((a, b) => a + b, 0) / Math.max(1, nonEmpty.length);
    const active = await db.appAccount.count({ where: { appId: app.id, state: "active" } });
    const result = {
      lane,
      users,
      concurrency,
      enqueueSeconds: +enqueueSeconds.toFixed(2),
      drainSeconds: +seconds.toFixed(2),
      usersPerSecond: +(users / seconds).toFixed(1),
      withEnqueueUsersPerSecond: +(users / (seconds + enqueueSeconds)).toFixed(1),
      succeeded,
      failed,
      active,
      claims: sizes.length,
      emptyClaims: sizes.length - nonEmpty.length,
      meanBatch: +mean.toFixed(1),
      statements: used,
      statementsPerJob: +(used / users).toFixed(2),
      // CPU of this process per job: less sensitive than users/s to other work on a shared machine.
      cpuMsPerJob: +((cpu.user + cpu.system) / 1000 / users).toFixed(2),
      // RSS when the drain starts (after seeding and the grant's enqueue) and its peak during the drain.
      startRssMb: Math.round(startRss / 2 ** 20),
      peakRssMb: Math.round(peakRss / 2 ** 20),
      peakHeapMb: Math.round(peakHeap / 2 ** 20),
    };
    console.log(`  batch sizes: ${histogram(sizes)}`);
    for (const [sql, t] of [...statements.stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(`  ${t.ms.toFixed(0).padStart(6)} ms ${String(t.n).padStart(5)}x  ${sql}`);
    console.log(`RESULT ${JSON.stringify(result)}`);
  } finally {
    standIn.child.stdin?.end();
    await new Promise((resolve) => standIn.child.once("exit", resolve));
    await db.$disconnect();
    if (created && process.env.DATABASE_URL) testDb.dropTestDatabase(process.env.DATABASE_URL);
  }
}

(process.argv.includes("--standin") ? standInChild() : probe()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
