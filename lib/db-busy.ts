// The embedded database has one writer at a time, shared by the console and every worker process. A
// transaction that reads and then writes (SQLite's default, deferred BEGIN) cannot wait for that writer:
// when another process committed meanwhile, its upgrade fails at once with SQLITE_BUSY(_SNAPSHOT). So
// every transaction here starts as a writer (BEGIN IMMEDIATE), and waiting for the lock happens at that
// moment, in small asynchronous steps that leave the process's event loop free.
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type SqliteAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type SqliteStatement = { run: () => unknown };
type SqliteConnection = { prepare: (sql: string) => SqliteStatement; pragma: (sql: string, options?: { simple: boolean }) => unknown };

/** How long a transaction may wait to become the writer before the change is refused as busy. */
export const WRITE_LOCK_BUDGET_MS = 8_000;

/** The database stayed busy past the budget: nothing was written; the person can try again. */
export class DatabaseBusyError extends Error {
  readonly code = "DATABASE_BUSY";
  constructor(waitedMs: number) {
    super(`The database stayed busy for ${Math.round(waitedMs)} ms; nothing was written.`);
    this.name = "DatabaseBusyError";
  }
}

type DbError = { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } };

// Prisma's code, and the driver's own code under it.
function codesOf(error: unknown): { code: string; original: string; message: string } {
  if (typeof error !== "object" || error === null) return { code: "", original: "", message: "" };
  const e = error as DbError;
  const cause = e.meta?.driverAdapterError?.cause;
  return { code: typeof e.code === "string" ? e.code : "", original: String(cause?.originalCode ?? cause?.code ?? ""), message: typeof e.message === "string" ? e.message : "" };
}

/**
 * True for PostgreSQL's write conflicts: a deadlock (40P01) or a serialization failure (40001), as
 * Prisma reports them (P2034, or the driver's code under a raw query's P2010). The database rolled the
 * transaction back; running it again is safe.
 */
export function isWriteConflict(error: unknown): boolean {
  const { code, original } = codesOf(error);
  return code === "P2034" || ["40001", "40P01"].includes(original);
}

/**
 * True for errors that mean "another writer held the database": SQLite's busy codes (raw, or as
 * Prisma's P1008 timeout), a transaction that could not start in time (P2028), PostgreSQL's write
 * conflicts and lock time-outs (55P03), and DatabaseBusyError. Nothing was written.
 */
export function isDatabaseBusy(error: unknown): boolean {
  if (error instanceof DatabaseBusyError || isWriteConflict(error)) return true;
  const { code, original, message } = codesOf(error);
  // By code too: a bundler may load this module twice (the adapter's copy and the action's), and then
  // instanceof does not see one copy's class in the other's error.
  if (code.startsWith("SQLITE_BUSY") || ["P1008", "P2028", "DATABASE_BUSY"].includes(code)) return true;
  if (original.startsWith("SQLITE_BUSY") || original === "55P03") return true;
  return /database is locked|SQLITE_BUSY/.test(message);
}

/** Times a transaction that lost a write conflict is run again before the conflict reaches the caller. */
export const WRITE_CONFLICT_RETRIES = 3;

type Transactional = { $transaction: (...args: never[]) => Promise<unknown> };

/**
 * Makes a client run an interactive transaction again (up to WRITE_CONFLICT_RETRIES times, after a
 * short random pause) when PostgreSQL rolled it back for a deadlock or a serialization failure: an
 * admin's change that met the worker's recording in the other lock order commits on the next try
 * instead of failing. Batch transactions (arrays of queries) pass through unchanged.
 */
export function retryWriteConflicts<C extends Transactional>(client: C): C {
  const transaction = client.$transaction.bind(client) as (arg: unknown, options?: unknown) => Promise<unknown>;
  const retrying = async (arg: unknown, options?: unknown) => {
    if (typeof arg !== "function") return transaction(arg, options);
    for (let attempt = 1; ; attempt++) {
      try {
        return await transaction(arg, options);
      } catch (error) {
        if (attempt > WRITE_CONFLICT_RETRIES || !isWriteConflict(error)) throw error;
        await sleep(5 + Math.random() * 20 * attempt);
      }
    }
  };
  Object.defineProperty(client, "$transaction", { value: retrying, configurable: true, writable: true });
  return client;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pause before the next try to become the writer: short at first (most waits are a commit away), with jitter. */
export function writeLockBackoffMs(attempt: number): number {
  const ceiling = Math.min(20, 2 * 1.5 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function isBusyCode(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/**
 * Makes every transaction of a better-sqlite3 Prisma adapter start with BEGIN IMMEDIATE. The adapter
 * serialises its own transactions with a mutex and opens them with a deferred BEGIN (which takes no lock);
 * this ends that empty transaction and takes the write lock instead, trying without SQLite's blocking busy
 * wait and sleeping between tries, until it is the writer or `budgetMs` has passed.
 */
export function immediateTransactions(factory: PrismaBetterSQLite3, budgetMs = WRITE_LOCK_BUDGET_MS): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter: SqliteAdapter = await connect();
    const client = (adapter as unknown as { client: SqliteConnection }).client;
    const busyTimeout = Number(client.pragma("busy_timeout", { simple: true }));
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const began = performance.now();
      for (let attempt = 0; ; attempt++) {
        const tx = await start(isolationLevel);
        try {
          client.prepare("COMMIT").run(); // the adapter's deferred BEGIN: nothing in it yet
          client.pragma("busy_timeout = 0");
          try {
            client.prepare("BEGIN IMMEDIATE").run();
          } finally {
            client.pragma(`busy_timeout = ${busyTimeout}`);
          }
          return tx;
        } catch (error) {
          await tx.rollback(); // releases the adapter's mutex; no transaction is open
          const waited = performance.now() - began;
          if (!isBusyCode(error)) throw error;
          if (waited >= budgetMs) throw new DatabaseBusyError(waited);
          await sleep(writeLockBackoffMs(attempt));
        }
      }
    };
    return adapter;
  };
  return factory;
}
