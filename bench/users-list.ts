// Users list page server time at 100,000 users: first page, a search, a sorted deep page.
import { spawn, type ChildProcess } from "node:child_process";
import { createClient } from "../lib/db-client";
import { createTestDatabase, dropTestDatabase } from "../scripts/test-db.mjs";
import { seed } from "../prisma/seed";
import { sessionCookie, waitForHealth } from "./console-server";
import { percentile } from "./report";

const AUTH_SECRET = "bench-auth-secret-not-for-production-0000";
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);

export const USERS_LIST_CASES = [
  { name: "first page", path: "/users" },
  { name: "search \"chen\"", path: "/users?q=chen" },
  { name: "sorted by last name, desc, page 200", path: "/users?sort=lastName&dir=desc&page=200" },
];

/** Seeds a fresh database of `lane`, serves the console on it and times the list page. */
export async function benchUsersList(lane: "sqlite" | "postgres", users: number) {
  const url = createTestDatabase(lane, "bench");
  process.env.DATABASE_URL = url;
  const db = createClient();
  const port = lane === "postgres" ? 3201 : 3200;
  let server: ChildProcess | undefined;
  try {
    const seedStart = Date.now();
    await seed(db, { users, groups: 200 });
    const seedSeconds = (Date.now() - seedStart) / 1000;
    const admin = await db.admin.create({ data: { email: `bench-${Date.now()}@example.test`, name: "Bench", role: "admin", passwordHash: "x" } });
    const cookie = await sessionCookie(admin.id);
    // The console's migrations need the file's write lock: this process lets go of the database first.
    await db.$disconnect();
    server = spawn("node", ["scripts/start.mjs"], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOSTNAME: "127.0.0.1", AUTH_SECRET, ADMIN_EMAIL: "bench-first@example.test", ADMIN_PASSWORD: "bench-Quartz-lantern-4817-harbor" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(base, server);
    const results = [];
    for (const c of USERS_LIST_CASES) {
      const samples: number[] = [];
      for (let i = 0; i < REQUESTS + 5; i++) {
        const started = performance.now();
        const response = await fetch(base + c.path, { headers: { cookie: `${cookie.name}=${cookie.value}` }, redirect: "manual" });
        const body = await response.text();
        const ms = performance.now() - started;
        if (response.status !== 200 || !body.includes("seed.user.")) throw new Error(`${c.path} answered ${response.status} without users`);
        if (i >= 5) samples.push(ms); // the first requests warm caches and compile
      }
      results.push({ name: c.name, path: c.path, p50: percentile(samples, 50), p95: percentile(samples, 95) });
    }
    return { lane, users, seedSeconds, results };
  } finally {
    server?.kill("SIGTERM");
    await db.$disconnect();
    dropTestDatabase(url);
  }
}
