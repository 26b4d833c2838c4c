// Access at a point in time and the retention purge at 1,000,000 events (50 apps, 100,000 users, 400 days).
// Run: `npx tsx --conditions=react-server bench/access-at.ts` (TEST_LANE=postgres for PostgreSQL). It seeds a
// fresh database in SQL, times listAccessAt (one page, as the page calls it), the full export of one app,
// and a purge of the oldest 100 days in batches, then writes its section of docs/benchmarks.md.
import os from "node:os";
import { createTestDatabase, dropTestDatabase } from "../scripts/test-db.mjs";
import { machineLine, percentile, writeSection } from "./report";

const lane = process.env.TEST_LANE === "postgres" ? "postgres" : "sqlite";
const EVENTS = Number(process.env.BENCH_ACCESS_EVENTS ?? 1_000_000);
const USERS = 100_000;
const APPS = 50;
const DAYS = 400;
const RUNS = 20;
const CHUNK = 100_000;
const DAY = 86_400_000;

process.env.DATABASE_URL = createTestDatabase(lane, "bench");
const { runAs } = await import("@/lib/authz");
const { db, dbProvider } = await import("@/lib/db");
const { listAccessAt, accessAtRows } = await import("@/lib/reports/access-at");
const { purgeEventsBefore } = await import("@/lib/reports/retention-purge");
const { makeAdmin } = await import("@/test/factories");

// Row x belongs to user x % USERS; that user's k-th event (k = x / USERS, 0..9, oldest last since x runs
// newest first) goes to one of ~4 apps (a new app every 3 events) with an action that varies with k, so
// accounts are created, linked, updated, deactivated, reactivated and deleted over time like a directory's
// churn. 10 % of attempts fail.
function seedSql(start: number, end: number, nowSeconds: number): string {
  const span = DAYS * 86_400 - 3_600;
  const user = (x: string) => `(${x} % ${USERS})`;
  const k = (x: string) => `(${x} / ${USERS})`;
  const app = (x: string) => `((${user(x)} * 7919 + ${k(x)} / 3) % ${APPS})`;
  const action = (x: string) =>
    `CASE (${k(x)} * 7 + ${user(x)} / ${APPS}) % 10 WHEN 0 THEN 'create' WHEN 1 THEN 'link' WHEN 2 THEN 'create' WHEN 6 THEN 'deactivate' WHEN 7 THEN 'reactivate' WHEN 8 THEN 'delete' ELSE 'update' END`;
  if (dbProvider === "postgresql") {
    return `INSERT INTO "ProvisioningEvent" ("id","at","appId","appName","subjectType","userId","userIdentifier","action","outcome","message","attempt","causedBy")
      SELECT 'e' || lpad(x::text, 8, '0'), (to_timestamp(${nowSeconds} - (x::bigint * ${span} / ${EVENTS})) AT TIME ZONE 'UTC')::timestamp(3),
        'app' || ${app("x")}, 'Bench app ' || ${app("x")}, 'user',
        'u' || lpad(${user("x")}::text, 6, '0'), 'bench.user.' || lpad(${user("x")}::text, 6, '0'),
        ${action("x")}, CASE WHEN x * 31 % 100 < 90 THEN 'success' ELSE 'failed' END, 'Bench event', 1, 'system'
      FROM generate_series(${start}::bigint, ${end - 1}::bigint) AS x`;
  }
  return `WITH RECURSIVE n(x) AS (SELECT ${start} UNION ALL SELECT x + 1 FROM n WHERE x < ${end - 1})
    INSERT INTO "ProvisioningEvent" ("id","at","appId","appName","subjectType","userId","userIdentifier","action","outcome","message","attempt","causedBy")
    SELECT 'e' || printf('%08d', x), strftime('%Y-%m-%dT%H:%M:%S', ${nowSeconds} - (x * ${span} / ${EVENTS}), 'unixepoch') || '.000+00:00',
      'app' || ${app("x")}, 'Bench app ' || ${app("x")}, 'user',
      printf('u%06d', ${user("x")}), printf('bench.user.%06d', ${user("x")}),
      ${action("x")}, CASE WHEN x * 31 % 100 < 90 THEN 'success' ELSE 'failed' END, 'Bench event', 1, 'system'
    FROM n`;
}

async function timed(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const started = performance.now();
    await fn();
    if (i >= 3) samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

try {
  const seedStarted = Date.now();
  const nowSeconds = Math.floor(Date.now() / 1000);
  for (let start = 1; start <= EVENTS; start += CHUNK) {
    await db.$executeRawUnsafe(seedSql(start, Math.min(EVENTS + 1, start + CHUNK), nowSeconds));
  }
  // PostgreSQL answers from an index alone only for pages its visibility map marks all-visible, which
  // autovacuum does in production; VACUUM does it now.
  await db.$executeRawUnsafe(dbProvider === "postgresql" ? 'VACUUM ANALYZE "ProvisioningEvent"' : "ANALYZE");
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  console.log(`seeded ${EVENTS} events on ${lane} in ${seedSeconds.toFixed(0)} s`);

  const auditor = await makeAdmin("auditor");
  const admin = await makeAdmin("admin");
  const now = new Date(nowSeconds * 1000);
  const params = { page: 1, pageSize: 25, sort: "user" as const, dir: "asc" as const, q: "" };
  const rows: string[] = [];
  const cases: [string, () => Promise<{ total: number }>][] = [
    ["one app, now, first page by user", () => listAccessAt({ appId: "app7", at: now }, params)],
    ["one app, 200 days ago, by active since", () => listAccessAt({ appId: "app7", at: new Date(now.getTime() - 200 * DAY) }, { ...params, sort: "since", dir: "desc" })],
    ["one app, now, search \"user.0123\"", () => listAccessAt({ appId: "app7", at: now }, { ...params, q: "user.0123" })],
  ];
  for (const [name, run] of cases) {
    const { total } = await runAs(auditor, run);
    const t = await runAs(auditor, () => timed(run));
    console.log(`${name}: ${total} active; p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms`);
    rows.push(`| ${lane} | ${name} | ${total.toLocaleString("en-US")} | ${t.p50.toFixed(1)} / ${t.p95.toFixed(1)} |`);
  }
  const exportStarted = performance.now();
  let exported = 0;
  for await (const row of await runAs(auditor, () => accessAtRows({ appId: "app7", at: now }))) if (row) exported++;
  const exportMs = performance.now() - exportStarted;
  console.log(`export of one app: ${exported} rows in ${exportMs.toFixed(0)} ms`);

  const batchTimes: number[] = [];
  const purgeStarted = performance.now();
  // The oldest 100 days go, in batches of 500; a batch's time is the longest a writer could wait on it.
  const cutoff = new Date(now.getTime() - 300 * DAY);
  const deleted = await runAs(admin, () => purgeEventsBefore(cutoff, { batchSize: 500, onBatch: (_n, ms) => batchTimes.push(ms) }));
  const purgeSeconds = (performance.now() - purgeStarted) / 1000;
  console.log(`purge: ${deleted} events in ${purgeSeconds.toFixed(1)} s; batch p95 ${percentile(batchTimes, 95).toFixed(1)} ms, max ${Math.max(...batchTimes).toFixed(1)} ms`);

  writeSection(`Access at a point in time and retention purge (${lane})`, [
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${machineLine()}`,
    `- Command: \`${lane === "postgres" ? "TEST_LANE=postgres " : ""}npx tsx --conditions=react-server bench/access-at.ts\``,
    `- Data: ${EVENTS.toLocaleString("en-US")} events over ${DAYS} days, ${APPS} apps, ${USERS.toLocaleString("en-US")} users (create, link, update, deactivate, reactivate, delete; 10 % failed), seeded in SQL in ${seedSeconds.toFixed(0)} s, then ${lane === "postgres" ? "VACUUM ANALYZE" : "ANALYZE"}.`,
    `- Method: \`listAccessAt\` as an auditor, one page of 25, ${RUNS} runs after 3 warm-ups (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores at the end: other work on the machine adds waiting for a CPU).`,
    "",
    "| database | case | active accounts | p50 / p95 ms |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
    `- Export of every active account of one app (\`accessAtRows\`, keyset batches of 2,000): ${exported.toLocaleString("en-US")} rows in ${exportMs.toFixed(0)} ms.`,
    `- Purge of the oldest 100 days (\`purgeEventsBefore\`, batches of 1,000): ${deleted.toLocaleString("en-US")} events deleted in ${purgeSeconds.toFixed(1)} s; per batch p50 ${percentile(batchTimes, 50).toFixed(1)} ms, p95 ${percentile(batchTimes, 95).toFixed(1)} ms, max ${Math.max(...batchTimes).toFixed(1)} ms.`,
  ].join("\n"));
} finally {
  await db.$disconnect();
  // BENCH_KEEP_DB=1 keeps the seeded database for looking at query plans.
  if (process.env.BENCH_KEEP_DB === "1") console.log(`kept ${process.env.DATABASE_URL}`);
  else dropTestDatabase(process.env.DATABASE_URL);
}
