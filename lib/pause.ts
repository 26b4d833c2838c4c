/**
 * Waits `ms`, or less when `signal` aborts or `subscribe` reports a wake-up: the idle wait of the
 * background loops (reconciliation, retention). Every listener it adds is removed when it returns,
 * so a loop that waits millions of times over a process's life holds none of them.
 */
export function pause(ms: number, options: { signal?: AbortSignal; subscribe?: (wake: () => void) => () => void } = {}): Promise<void> {
  const { signal, subscribe } = options;
  if (signal?.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe?.();
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const unsubscribe = subscribe?.(done);
    signal?.addEventListener("abort", done, { once: true });
  });
}
