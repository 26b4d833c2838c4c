// A provisioning worker process for the crash, outage and multi-worker tests: the same loop as
// `npm run worker` (startWorker as the system actor), limited to the test's apps by WORKER_APP_IDS so
// tests sharing one database never take each other's jobs. WORKER_RETRY_BASE_MS / WORKER_RETRY_CAP_MS
// shorten the retry back-off so an outage test converges in seconds rather than minutes.
import { db } from "@/lib/db";
import { startWorker, workerConcurrency } from "@/lib/provisioning/worker/start-worker";

const appIds = (process.env.WORKER_APP_IDS ?? "").split(",").filter(Boolean);
if (appIds.length === 0) throw new Error("Set WORKER_APP_IDS to the ids of the apps this worker may serve.");
const positive = (value: string | undefined) => (Number(value) > 0 ? Number(value) : undefined);
const baseMs = positive(process.env.WORKER_RETRY_BASE_MS);
const capMs = positive(process.env.WORKER_RETRY_CAP_MS);

const controller = new AbortController();
process.once("SIGTERM", () => controller.abort());
await startWorker({
  signal: controller.signal,
  concurrency: workerConcurrency(),
  appIds,
  pollMs: 200,
  retry: { ...(baseMs ? { baseMs } : {}), ...(capMs ? { capMs } : {}), maxAttempts: 1_000 },
});
await db.$disconnect();
