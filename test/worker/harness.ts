// Helpers for tests that run real worker processes against a SCIM stand-in: start, SIGKILL and stop
// worker processes, and wait for an app's queue to drain (many users at once: insertUsers in test/factories).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { vi } from "vitest";
import { db } from "@/lib/db";
import { seedApp } from "@/lib/provisioning/test-support";
import type { ScimStandIn } from "@/test/scim-standin";

const root = path.resolve(__dirname, "../..");

/** A running worker process. */
export type WorkerProcess = { child: ChildProcess; exited: Promise<number | null>; output: () => string };

/** Starts test/worker/worker-process.ts the way `npm run worker` starts the worker: node + tsx, react-server condition. */
export function startWorkerProcess(appIds: string[], env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "test/worker/worker-process.ts")], {
    cwd: root,
    env: { ...process.env, WORKER_APP_IDS: appIds.join(","), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  // Keep the tail only: a long run logs every retry.
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** SIGKILL: the process dies mid-request, with jobs claimed and leases held. */
export async function killWorker(worker: WorkerProcess): Promise<void> {
  worker.child.kill("SIGKILL");
  await worker.exited;
}

/** SIGTERM: the worker finishes its jobs in flight and exits. */
export async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGTERM");
  await worker.exited;
}

/**
 * A killed worker's leases run out after LEASE_MS (a minute); the test moves them into the past
 * instead of waiting, which is exactly what the clock would do. Only the dead worker holds leases here.
 */
export async function expireLeases(appId: string): Promise<number> {
  const { count } = await db.provisioningJob.updateMany({ where: { appId, status: "running" }, data: { leaseUntil: new Date(Date.now() - 1_000) } });
  return count;
}

/**
 * An app on the stand-in whose pacing is set far above the default (600 writes a minute for SCIM apps),
 * the way an admin would for an app that takes any rate: these tests are about crashes, not pacing.
 */
export async function unpacedApp(standIn: ScimStandIn, maxConcurrency = 8) {
  const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token, patch: true });
  return db.app.update({ where: { id: app.id }, data: { rateLimitPerMinute: 600_000, rateLimitBurst: 10_000, maxConcurrency } });
}

/** Jobs of the app not finished yet (queued or running). */
export function openJobs(appId: string): Promise<number> {
  return db.provisioningJob.count({ where: { appId, status: { in: ["queued", "running"] } } });
}

/** Waits until `check` is true, polling; fails with `what` (and the workers' last output) after `timeoutMs`. */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, ...workers: WorkerProcess[]): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await check())) throw new Error(`Timed out waiting until ${what}.${workers.map((w) => `\nWorker output:\n${w.output()}`).join("")}`);
    },
    { timeout: timeoutMs, interval: 100 },
  );
}
