// The in-process signal that wakes the worker right after a transaction with new jobs commits, so a
// change reaches the app without waiting for the next poll. Other processes fall back to polling.
import { EventEmitter } from "node:events";

const globalForWake = globalThis as unknown as { __provisioningWake?: EventEmitter };
// One emitter per process, even when bundlers load this module twice.
const emitter = (globalForWake.__provisioningWake ??= new EventEmitter().setMaxListeners(50));

/** Tells in-process workers that new jobs may be due. Call after the transaction commits. */
export function wakeWorker(): void {
  emitter.emit("wake");
}

/** Subscribes to wake signals; returns the unsubscribe function. */
export function onWake(listener: () => void): () => void {
  emitter.on("wake", listener);
  return () => emitter.off("wake", listener);
}

/** Awaits a committed transaction's result, then wakes the worker: `return afterCommit(db.$transaction(...))`. */
export async function afterCommit<T>(committed: Promise<T>): Promise<T> {
  const result = await committed;
  wakeWorker();
  return result;
}
