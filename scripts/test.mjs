#!/usr/bin/env node
// `npm test`: every test, both database lanes, end to end in Chromium included.
//   1. typecheck + lint
//   2. unit + integration (Vitest) on SQLite, then on PostgreSQL
//   3. one production build, then end-to-end (Playwright, Debian's Chromium) on SQLite, then PostgreSQL
// The PostgreSQL lane runs when TEST_DATABASE_URL is set or a local server answers; it says so
// loudly when it cannot run, and under CI that is a failure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { postgresAnswers, testPostgresUrl } from "./test-db.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const only = new Set((process.env.TEST_ONLY ?? "").split(",").filter(Boolean)); // e.g. TEST_ONLY=unit,e2e
const wants = (part) => only.size === 0 || only.has(part);
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "console-tests-"));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const outcomeFile = path.join(reports, "outcomes.txt"); // failed and flaky tests, by name

function step(title, command, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const ok = result.status === 0;
  console.log(`=== ${title}: ${ok ? "ok" : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds}s ===`);
  if (!ok) failures.push(title);
  return ok;
}

function countVitest(file) {
  if (!fs.existsSync(file)) return;
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += r.numFailedTests ?? 0;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}

function countPlaywright(file, lane) {
  if (!fs.existsSync(file)) return;
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  const visit = (suite, titles) => {
    for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const name = `${spec.file}:${spec.line} › ${[...titles, spec.title].filter(Boolean).join(" › ")} (${lane})`;
        if (test.status === "unexpected") fs.appendFileSync(outcomeFile, `FAILED e2e/${name}\n`);
        if (test.status === "flaky") fs.appendFileSync(outcomeFile, `FLAKY (passed on retry) e2e/${name}\n`);
      }
    }
  };
  for (const suite of r.suites ?? []) visit(suite, []);
  totals.passed += (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0);
  totals.failed += r.stats?.unexpected ?? 0;
  totals.skipped += r.stats?.skipped ?? 0;
}

function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (fs.existsSync(chromium)) return chromium;
  if (process.getuid?.() === 0) {
    console.log("Chromium is missing; installing Debian's chromium with apt-get…");
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    const r = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (r.status === 0 && fs.existsSync(chromium)) return chromium;
  }
  console.error(`\nThe end-to-end tests need Chromium at ${chromium}. Install it and run npm test again:\n\n  sudo apt-get install -y chromium\n\n(or set CHROMIUM_PATH to a Chromium binary).`);
  process.exit(1);
}

const postgres = await postgresAnswers();
if (!postgres) {
  const banner = `PostgreSQL lane WILL NOT RUN: no server answered at ${testPostgresUrl().replace(/\/\/[^@]*@/, "//")}. Set TEST_DATABASE_URL or start PostgreSQL.`;
  console.log(`\n${"!".repeat(banner.length)}\n${banner}\n${"!".repeat(banner.length)}`);
  if (process.env.CI) {
    console.error("Under CI the PostgreSQL lane is required.");
    process.exit(1);
  }
}
const lanes = postgres ? ["sqlite", "postgres"] : ["sqlite"];

if (wants("static")) {
  step("typecheck", bin("tsc"), ["--noEmit"]);
  step("lint", bin("eslint"), [".", "--max-warnings=0"]);
}

if (wants("unit")) {
  for (const lane of lanes) {
    const out = path.join(reports, `vitest-${lane}.json`);
    step(`unit + integration (${lane})`, bin("vitest"), ["run", "--reporter=default", "--reporter=json", "--reporter=./test/outcome-reporter.ts", `--outputFile.json=${out}`], {
      TEST_LANE: lane,
      TEST_OUTCOME_FILE: outcomeFile,
    });
    countVitest(out);
  }
}

if (wants("e2e")) {
  const chromium = ensureChromium();
  if (step("production build", bin("next"), ["build"])) {
    for (const lane of lanes) {
      const out = path.join(reports, `playwright-${lane}.json`);
      step(`end-to-end in Chromium (${lane})`, bin("playwright"), ["test", "--reporter=list,json"], {
        TEST_LANE: lane,
        CHROMIUM_PATH: chromium,
        PLAYWRIGHT_JSON_OUTPUT_NAME: out,
        E2E_PORT: lane === "postgres" ? "3111" : "3110",
      });
      countPlaywright(out, lane);
    }
  }
}

if (!postgres) console.log("\nReminder: the PostgreSQL lane did not run.");
if (fs.existsSync(outcomeFile)) console.log(`\nTests that failed or needed a retry:\n${fs.readFileSync(outcomeFile, "utf8").trimEnd()}`);
if (failures.length) console.log(`\nFailed steps: ${failures.join(", ")}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
