import "server-only";
import { recordAttempts, type AttemptRecord, type AttemptResult } from "./record-attempt";

type AfterFlush = (records: AttemptRecord[]) => Promise<void>;
type Pending = { record: AttemptRecord; afterFlush: AfterFlush; resolve: (r: AttemptResult) => void; reject: (e: unknown) => void };

/** At most this many attempts go into one transaction. */
export const FLUSH_SIZE = 100;
/** At least this many, when attempts wait: a transaction's fixed cost is shared by a few at least. */
const MIN_FLUSH_SIZE = 5;
/**
 * How long one recording transaction should hold the database. On SQLite it is the one writer: an
 * admin's save waits for the transaction in progress, so batches are sized by time, not only by count.
 */
export const FLUSH_TARGET_MS = 40;
/** How long the first attempt of an idle queue waits for others to share its transaction. */
const FLUSH_DELAY_MS = 2;

/** Attempts per transaction, given what one attempt recently cost to record (ms; 0 = not known yet). */
export function flushSize(msPerAttempt: number): number {
  if (!(msPerAttempt > 0)) return FLUSH_SIZE;
  return Math.max(MIN_FLUSH_SIZE, Math.min(FLUSH_SIZE, Math.floor(FLUSH_TARGET_MS / msPerAttempt)));
}

// One queue per process, shared by every batch in flight: attempts finishing while a transaction commits
// wait for it and then go in together (group commit), so under load each commit carries many jobs and
// when idle an attempt waits only FLUSH_DELAY_MS.
// msPerAttempt: a moving average of what recording one attempt cost in the last transactions.
const queue: { pending: Pending[]; running: boolean; timer: NodeJS.Timeout | null; msPerAttempt: number } = { pending: [], running: false, timer: null, msPerAttempt: 0 };

function flush(): void {
  if (queue.timer) clearTimeout(queue.timer);
  queue.timer = null;
  if (queue.running || queue.pending.length === 0) return;
  queue.running = true;
  const batch = queue.pending.splice(0, flushSize(queue.msPerAttempt));
  void write(batch).finally(() => {
    queue.running = false;
    // Whatever arrived meanwhile goes at once: it has waited for this commit already.
    if (queue.pending.length > 0) flush();
  });
}

async function write(batch: Pending[]): Promise<void> {
  let results: AttemptResult[];
  try {
    results = await recordAttempts(batch.map((p) => p.record), (ms) => {
      const perAttempt = ms / batch.length;
      queue.msPerAttempt = queue.msPerAttempt > 0 ? queue.msPerAttempt * 0.7 + perAttempt * 0.3 : perAttempt;
    });
  } catch (error) {
    for (const p of batch) p.reject(error);
    return;
  }
  // Follow-ups before the results resolve: a caller that awaits a job sees the work it queued. Each
  // batch's follow-ups get its own records.
  const byAfter = new Map<AfterFlush, AttemptRecord[]>();
  for (const p of batch) byAfter.set(p.afterFlush, [...(byAfter.get(p.afterFlush) ?? []), p.record]);
  for (const [afterFlush, records] of byAfter) {
    try {
      await afterFlush(records);
    } catch (error) {
      console.error(`[provisioning worker] Follow-up queueing failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  batch.forEach((p, i) => p.resolve(results[i]));
}

/**
 * Collects attempts finished at about the same time and records them in one transaction (one commit
 * instead of one per job: SQLite's single writer and PostgreSQL's round trips both gain). Flushes run one
 * after another, shared by every recorder of the process; `afterFlush` runs the follow-ups (reports' and
 * groups' re-queueing) once per flush for this recorder's attempts, before their promises resolve.
 */
export class BatchRecorder {
  constructor(private readonly afterFlush: AfterFlush) {}

  /** Queues one attempt; resolves once it is committed. */
  add(record: AttemptRecord): Promise<AttemptResult> {
    return new Promise((resolve, reject) => {
      queue.pending.push({ record, afterFlush: this.afterFlush, resolve, reject });
      if (queue.running) return; // the running flush takes it when it ends
      if (queue.pending.length >= flushSize(queue.msPerAttempt)) flush();
      else queue.timer ??= setTimeout(flush, FLUSH_DELAY_MS);
    });
  }
}
