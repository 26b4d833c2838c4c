// Child processes of the benchmarks' measuring processes: SCIM stand-ins (test/scim-standin/serve.ts) and
// provisioning workers started the way `npm run worker` starts them, so the worker's CPU and memory are
// its own and not shared with the app it talks to or with the process that measures.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { createTestDatabase, dropTestDatabase } from "../scripts/test-db.mjs";
import { workerNodeArgs } from "../scripts/worker-args.mjs";
import type { StandInRateLimit } from "@/test/scim-standin/rate-limit";
import type { StandInStats } from "@/test/scim-standin/serve";

export type { StandInStats };

/** A stand-in running in its own process. */
export type StandInProcess = {
  baseUrl: string;
  token: string;
  pid: number;
  /** Stops it (once; later calls get the same answer) and returns what it counted. */
  stop(): Promise<StandInStats>;
};

/** A worker process; `stop()` returns its peak RSS, read just before SIGTERM. */
export type WorkerProcess = { pid: number; stop(): Promise<{ peakRssMb: number }> };

// A memory figure of a live process in MB from /proc/<pid>/status; 0 where /proc is missing.
function statusMb(pid: number, field: "VmHWM" | "VmRSS"): number {
  try {
    const kb = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Peak resident set of a live process in MB (VmHWM). */
export const peakRssMb = (pid: number) => statusMb(pid, "VmHWM");

/** Current resident set of a live process in MB (VmRSS). */
export const rssMb = (pid: number) => statusMb(pid, "VmRSS");

/**
 * The process that serves the console among `root` and its descendants (`npm start` runs scripts/start.mjs,
 * which starts `next start`): the one with the largest resident set once the console answers.
 */
export function consoleProcessPid(root: number): number {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 4th field, after "(comm)", which may itself contain spaces.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const family = [root];
  for (let i = 0; i < family.length; i++) for (const [pid, parent] of parents) if (parent === family[i]) family.push(pid);
  return family.reduce((best, pid) => (rssMb(pid) > rssMb(best) ? pid : best), root);
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
}

/** Starts a stand-in process (SCIMMY on loopback) and waits until it listens. */
export function startStandInProcess(options: { latencyMs?: number; slack?: boolean; rateLimit?: StandInRateLimit } = {}): Promise<StandInProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, STANDIN_LATENCY_MS: String(options.latencyMs ?? 0), STANDIN_SLACK: options.slack ? "1" : "0" };
  if (options.rateLimit) Object.assign(env, { STANDIN_RATE_PER_MINUTE: String(options.rateLimit.perMinute), STANDIN_RATE_BURST: String(options.rateLimit.burst) });
  // stdin is a pipe so that the stand-in stops by itself if this process dies.
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("test/scim-standin/serve.ts")], { env, stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  const statsLine = new Promise<StandInStats>((resolve, reject) => {
    let seen = 0;
    lines.on("line", (line) => {
      // The first line says where it listens, the second (at stop) what it counted.
      if (++seen === 2) resolve(JSON.parse(line) as StandInStats);
    });
    child.once("exit", (code) => reject(new Error(`the stand-in process exited (${code}) without its counts`)));
  });
  statsLine.catch(() => {}); // observed by stop(); an early exit is reported by the start promise below
  let stopped: Promise<StandInStats> | undefined;
  return new Promise((resolve, reject) => {
    lines.once("line", (line) => {
      const { baseUrl, token } = JSON.parse(line) as { baseUrl: string; token: string };
      const stop = () => {
        stopped ??= (async () => {
          child.kill("SIGTERM");
          const stats = await statsLine;
          await exited(child);
          return stats;
        })();
        return stopped;
      };
      resolve({ baseUrl, token, pid: child.pid!, stop });
    });
    child.once("exit", (code) => reject(new Error(`the stand-in process exited (${code}) before it listened`)));
  });
}

/**
 * Starts a worker exactly as `npm run worker` does (scripts/worker-args.mjs: lib/background/worker-process.ts under tsx with the
 * react-server condition and the heap cap), with `env` added (WORKER_CONCURRENCY, WORKER_APP_IDS), and waits until it runs.
 */
export function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, workerNodeArgs(process.cwd(), { ...process.env, ...env }), {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stopped: Promise<{ peakRssMb: number }> | undefined;
  // VmHWM is read before SIGTERM: /proc forgets the process once it has exited.
  const stop = () =>
    (stopped ??= (async () => {
      const peak = peakRssMb(child.pid!);
      child.kill("SIGTERM");
      await exited(child);
      return { peakRssMb: peak };
    })());
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("started")) resolve({ pid: child.pid!, stop });
    });
    child.once("exit", (code) => reject(new Error(`a worker process exited (${code}) before it started`)));
  });
}

/** Starts several child processes side by side; if one fails to start, stops the others before throwing. */
export async function startAll<T extends { stop(): Promise<unknown> }>(count: number, start: () => Promise<T>): Promise<T[]> {
  const settled = await Promise.allSettled(Array.from({ length: count }, start));
  const started = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failure = settled.find((s) => s.status === "rejected");
  if (failure) {
    await Promise.all(started.map((p) => p.stop().catch(() => undefined)));
    throw failure.reason;
  }
  return started;
}

/**
 * Runs a benchmark's measuring process (`script`, under tsx with the react-server condition so lib/ loads
 * as in the console) on a fresh database of `lane`, dropped afterwards; passes its output through and
 * returns what it printed as `RESULT {json}`.
 */
export async function runMeasuringProcess<T>(script: string, lane: "sqlite" | "postgres", options: { env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<T> {
  const url = createTestDatabase(lane, "bench");
  try {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--conditions=react-server", "--import", "tsx", path.resolve(script)], {
      // A throwaway key: the bench database is dropped afterwards.
      env: { ...process.env, DATABASE_URL: url, CREDENTIALS_ENCRYPTION_KEY: process.env.CREDENTIALS_ENCRYPTION_KEY || "bench-credentials-key-not-for-production", ...options.env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let result: T | undefined;
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.startsWith("RESULT ")) result = JSON.parse(line.slice("RESULT ".length)) as T;
      else console.log(line);
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    if (code !== 0 || !result) throw new Error(`${path.basename(script)} on ${lane} failed (exit ${code})`);
    return result;
  } finally {
    dropTestDatabase(url);
  }
}
