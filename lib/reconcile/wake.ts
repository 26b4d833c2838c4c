// Wakes the in-process reconciliation loop when Sync now queues a run, so it starts at once.
import { EventEmitter } from "node:events";

const globalForWake = globalThis as unknown as { __reconcileWake?: EventEmitter };
const emitter = (globalForWake.__reconcileWake ??= new EventEmitter().setMaxListeners(20));

/** Tells the in-process reconciliation loop a run may be waiting. */
export function wakeReconciler(): void {
  emitter.emit("wake");
}

/** Subscribes to wake signals; returns the unsubscribe function. */
export function onReconcilerWake(listener: () => void): () => void {
  emitter.on("wake", listener);
  return () => emitter.off("wake", listener);
}
