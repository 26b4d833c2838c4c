#!/usr/bin/env node
// `npm run worker`: the provisioning worker as a separate process (run several to scale out; jobs are
// claimed with leases, so they never run twice). `npm start` already runs one in-process unless
// WORKER_IN_PROCESS=false.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureSecrets } from "./secrets.mjs";
import { workerNodeArgs } from "./worker-args.mjs";
import { databaseUrl } from "../lib/database-url.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, DATABASE_URL: databaseUrl() };
Object.assign(env, ensureSecrets(path.join(root, "data"), env));

const child = spawn(process.execPath, workerNodeArgs(root, env), {
  cwd: root,
  env,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
