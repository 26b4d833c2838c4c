// Fresh databases for test runs: a new SQLite file, or a new schema on PostgreSQL.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_TEST_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test";

/** The PostgreSQL server for tests: TEST_DATABASE_URL, else the local default. */
export function testPostgresUrl() {
  return process.env.TEST_DATABASE_URL || DEFAULT_TEST_POSTGRES_URL;
}

/** True when the PostgreSQL server answers within a few seconds. */
export async function postgresAnswers(url = testPostgresUrl()) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Applies the committed migrations to `url`. */
export function migrate(url) {
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Creates and migrates a fresh database for one lane; returns its URL. */
export function createTestDatabase(lane, label = "test") {
  const id = `${label}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  let url;
  if (lane === "postgres") {
    const base = new URL(testPostgresUrl());
    base.searchParams.set("schema", id);
    url = base.toString();
    execFileSync("psql", [testPostgresUrl(), "-qc", `CREATE SCHEMA "${id}"`], { stdio: "ignore" });
  } else {
    const dir = path.join(root, "data", "test");
    fs.mkdirSync(dir, { recursive: true });
    url = `file:${path.join(dir, `${id}.db`)}`;
  }
  migrate(url);
  // As `npm start` and `npm run worker` leave it (lib/database-health.ts): WAL, so tests and benchmarks
  // meet the same locking as a deployment.
  if (lane !== "postgres") {
    execFileSync(path.join(root, "node_modules/.bin/prisma"), ["db", "execute", "--stdin", "--schema", "prisma/schema.prisma"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      input: "PRAGMA journal_mode = WAL;",
      stdio: ["pipe", "ignore", "inherit"],
    });
  }
  return url;
}

/** Drops a database made by createTestDatabase. */
export function dropTestDatabase(url) {
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
    return;
  }
  const schema = new URL(url).searchParams.get("schema");
  if (schema) execFileSync("psql", [testPostgresUrl(), "-qc", `DROP SCHEMA IF EXISTS "${schema}" CASCADE`], { stdio: "ignore" });
}
