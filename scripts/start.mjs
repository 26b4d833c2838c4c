#!/usr/bin/env node
// `npm start`: secrets, migrations, build when needed, then the console on PORT.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { consoleNodeOptions } from "./console-heap.mjs";
import { ensureSecrets } from "./secrets.mjs";
import { databaseUrl, isPostgresUrl } from "../lib/database-url.mjs";
import { adminPasswordProblem } from "../lib/password-strength.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

// 0. A first admin's password that is given must be strong: refused here, before anything starts.
const adminProblem = adminPasswordProblem(process.env);
if (adminProblem) {
  console.error(`\n${adminProblem}\n`);
  process.exit(1);
}

const env = { ...process.env, DATABASE_URL: databaseUrl() };
Object.assign(env, ensureSecrets(path.join(root, "data"), env));
env.PORT ||= "3000";

function run(command, args, label) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\n${label} failed (exit ${result.status}). See the output above; the README's troubleshooting section lists common causes.`);
    process.exit(result.status ?? 1);
  }
}

// 1. Schema: apply committed migrations (never resets data).
console.log(`Database: ${isPostgresUrl(env.DATABASE_URL) ? "PostgreSQL" : env.DATABASE_URL}`);
run(bin("prisma"), ["migrate", "deploy"], "Applying database migrations");

// 2. Build when there is no build, or sources changed since the last one.
function newestSourceChange() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "generated" || entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of ["app", "components", "lib"]) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  for (const file of ["package.json", "next.config.ts", "prisma/schema.prisma", "proxy.ts", "instrumentation.ts"]) {
    if (fs.existsSync(path.join(root, file))) newest = Math.max(newest, fs.statSync(path.join(root, file)).mtimeMs);
  }
  return newest;
}
const buildId = path.join(root, env.NEXT_DIST_DIR || ".next", "BUILD_ID");
if (env.SKIP_BUILD === "1" && fs.existsSync(buildId)) {
  console.log("SKIP_BUILD=1: serving the existing build.");
} else if (!fs.existsSync(buildId) || fs.statSync(buildId).mtimeMs < newestSourceChange()) {
  console.log("Building the console (first start or changed sources)…");
  run(bin("next"), ["build"], "Building");
}

// 3. Serve.
// The server (and its in-process worker) runs with a capped heap; the build above ran without it.
const server = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], {
  cwd: root,
  env: { ...env, NODE_OPTIONS: consoleNodeOptions(env) },
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
