// Entry of `npm run worker` (scripts/worker.mjs starts it under tsx): the same loop as the in-process
// worker, as its own process. SIGTERM / SIGINT stop claiming and let the jobs in flight finish.
import { db } from "@/lib/db";
import { startWorker, workerConcurrency } from "./start-worker";

const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log(`[provisioning worker] ${signal}: finishing the jobs in flight, then stopping.`);
    controller.abort();
  });
}

console.log(`[provisioning worker] started (pid ${process.pid}, ${workerConcurrency()} jobs at a time).`);
await startWorker({ signal: controller.signal, concurrency: workerConcurrency() });
await db.$disconnect();
console.log("[provisioning worker] stopped.");
