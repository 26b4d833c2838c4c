import "server-only";
import { startWorker, workerConcurrency } from "@/lib/provisioning/worker/start-worker";
import { startSideLoops } from "./side-loops";

const globalForWorker = globalThis as unknown as { __provisioningWorker?: AbortController };

/** Starts the in-process worker and the side loops once per process (npm start); a second call is a no-op. */
export function startInProcessWorker(): void {
  if (globalForWorker.__provisioningWorker) return;
  const controller = new AbortController();
  globalForWorker.__provisioningWorker = controller;
  startSideLoops(controller.signal);
  void startWorker({ signal: controller.signal, concurrency: workerConcurrency() });
}
