#!/usr/bin/env node
// `npm run test:long`: the robustness tests with their long plans (TEST_LONG=1: crash with eight kill
// points in a 2,000-user push, a 30 s outage, four workers on 1,000 users) on SQLite, then on PostgreSQL
// when a server answers. `npm test` runs the same files with short plans.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { postgresAnswers, testPostgresUrl } from "./test-db.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const vitest = path.join(root, "node_modules", ".bin", "vitest");
const lanes = (await postgresAnswers()) ? ["sqlite", "postgres"] : ["sqlite"];
if (lanes.length === 1) {
  console.log(`PostgreSQL lane WILL NOT RUN: no server answered at ${testPostgresUrl().replace(/\/\/[^@]*@/, "//")}.`);
  if (process.env.CI) process.exit(1);
}
const LONG_FILES = ["lib/provisioning/worker/crash.test.ts", "lib/provisioning/worker/outage.test.ts", "lib/provisioning/worker/multi-worker.test.ts"];
const failed = [];
for (const lane of lanes) {
  console.log(`\n=== long tests (${lane}) ===`);
  const started = Date.now();
  const r = spawnSync(vitest, ["run", ...LONG_FILES], { cwd: root, stdio: "inherit", env: { ...process.env, TEST_LANE: lane, TEST_LONG: "1" } });
  console.log(`=== long tests (${lane}): ${r.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)}s ===`);
  if (r.status !== 0) failed.push(lane);
}
process.exit(failed.length ? 1 : 0);
