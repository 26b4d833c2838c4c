// How a worker process is started, shared by `npm run worker` and the benchmarks that measure it.
import path from "node:path";

/** Default cap of the worker's V8 old space, in MB (WORKER_MAX_HEAP_MB overrides it). */
export const DEFAULT_WORKER_MAX_HEAP_MB = 192;

/**
 * Node's arguments for a worker process: tsx runs the TypeScript sources (and resolves "@/" from
 * tsconfig); the react-server condition makes "server-only" resolve as inside Next's server. The heap
 * cap keeps the process small: a worker holds one batch at a time, and without a cap V8 lets garbage
 * pile up to several hundred MB before it collects.
 */
export function workerNodeArgs(root, env = process.env) {
  const heapMb = Number(env.WORKER_MAX_HEAP_MB);
  const cap = Number.isInteger(heapMb) && heapMb >= 64 ? heapMb : DEFAULT_WORKER_MAX_HEAP_MB;
  return [`--max-old-space-size=${cap}`, "--conditions=react-server", "--import", "tsx", path.join(root, "lib/background/worker-process.ts")];
}
