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

/**
 * True for errors that mean "another writer held the database": SQLite's busy codes (raw, or as
 * Prisma's P1008 timeout), a transaction that could not start in time (P2028), PostgreSQL's write
 * conflicts and deadlocks (P2034, 40001, 40P01, 55P03), and DatabaseBusyError. Nothing was written.
 */
export function isDatabaseBusy(error: unknown): boolean {
  if (error instanceof DatabaseBusyError) return true;
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } };
  const code = typeof e.code === "string" ? e.code : "";
  if (code.startsWith("SQLITE_BUSY") || ["P1008", "P2028", "P2034", "DATABASE_BUSY"].includes(code)) return true;
  const cause = e.meta?.driverAdapterError?.cause;
  const original = String(cause?.originalCode ?? cause?.code ?? "");
  if (original.startsWith("SQLITE_BUSY") || ["40001", "40P01", "55P03"].includes(original)) return true;
  return typeof e.message === "string" && /database is locked|SQLITE_BUSY|DATABASE_BUSY/.test(e.message);
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
