// Entry of `npm run worker` (scripts/worker.mjs starts it under tsx): the same loop as the in-process
// worker, as its own process. SIGTERM / SIGINT stop claiming and let the jobs in flight finish.
// WORKER_APP_IDS (comma-separated app ids) limits it to those apps' jobs, for benchmarks that share a
// database; such a worker runs only the provisioning loop, not the side loops (side-loops.ts).
import { tuneDatabase } from "@/lib/database-health";
import { db } from "@/lib/db";
import { startWorker, workerConcurrency } from "@/lib/provisioning/worker/start-worker";
import { startSideLoops } from "./side-loops";

const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log(`[provisioning worker] ${signal}: finishing the jobs in flight, then stopping.`);
    controller.abort();
  });
}

await tuneDatabase();
const appIds = process.env.WORKER_APP_IDS?.split(",").map((id) => id.trim()).filter((id) => id !== "");
const only = appIds?.length ? `, only ${appIds.length} app(s)` : "";
console.log(`[provisioning worker] started (pid ${process.pid}, ${workerConcurrency()} jobs at a time${only}).`);
if (!appIds?.length) startSideLoops(controller.signal);
await startWorker({ signal: controller.signal, concurrency: workerConcurrency(), ...(appIds?.length ? { appIds } : {}) });
await db.$disconnect();
console.log("[provisioning worker] stopped.");
