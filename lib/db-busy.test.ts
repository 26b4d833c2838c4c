import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, sqliteFilePath } from "@/lib/database-url.mjs";
import { db, dbProvider } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/sqlite/client";
import { DatabaseBusyError, immediateTransactions, isDatabaseBusy, isWriteConflict, writeLockBackoffMs } from "./db-busy";
import { BUSY_MESSAGE, toActionError } from "./action-result";
import { makeAdmin, unique } from "@/test/factories";

const userRow = (key: string) => ({ userName: key, userNameKey: key, email: `${key}@example.test`, firstName: "Busy", lastName: "Test", displayName: "Busy Test", active: true, searchText: key });

describe("isDatabaseBusy", () => {
  it.each([
    ["SQLite's busy code", { code: "SQLITE_BUSY", message: "database is locked" }, true],
    ["SQLite's busy snapshot", { code: "SQLITE_BUSY_SNAPSHOT", message: "database is locked" }, true],
    ["Prisma's timeout of a busy statement", { code: "P1008", message: "Operation has timed out" }, true],
    ["a transaction that could not start in time", { code: "P2028", message: "Unable to start a transaction in the given time." }, true],
    ["a PostgreSQL deadlock under a raw query", { code: "P2010", message: "Raw query failed", meta: { driverAdapterError: { cause: { originalCode: "40P01" } } } }, true],
    ["DatabaseBusyError", new DatabaseBusyError(8_000), true],
    ["DatabaseBusyError from another copy of the module", { name: "DatabaseBusyError", code: "DATABASE_BUSY", message: "The database stayed busy for 8000 ms; nothing was written." }, true],
    ["a unique violation", { code: "P2002", message: "Unique constraint failed" }, false],
    ["a plain error", new Error("boom"), false],
    ["not an error", "database", false],
  ])("%s -> %s", (_label, error, expected) => {
    expect(isDatabaseBusy(error)).toBe(expected);
  });

  it.each([
    ["a deadlock", { code: "P2010", message: "Raw query failed", meta: { driverAdapterError: { cause: { originalCode: "40P01" } } } }, true],
    ["a serialization failure", { code: "P2034", message: "Transaction failed due to a write conflict or a deadlock" }, true],
    ["SQLite's busy code (its wait is already spent)", { code: "SQLITE_BUSY", message: "database is locked" }, false],
    ["a lock time-out", { code: "P2010", message: "Raw query failed", meta: { driverAdapterError: { cause: { originalCode: "55P03" } } } }, false],
  ])("isWriteConflict: %s -> %s", (_label, error, expected) => {
    expect(isWriteConflict(error)).toBe(expected);
  });

  it("turns into a clear message that keeps what was typed, not an error page", () => {
    const result = toActionError({ code: "SQLITE_BUSY", message: "database is locked" }, { title: "Engineer" });
    expect(result).toEqual({ ok: false, message: BUSY_MESSAGE, values: { title: "Engineer" } });
    expect(BUSY_MESSAGE).toMatch(/nothing was changed/);
  });

  it("waits a few milliseconds at first and never more than 20 ms between tries", () => {
    expect(writeLockBackoffMs(0)).toBeLessThanOrEqual(2);
    for (let attempt = 0; attempt < 50; attempt++) expect(writeLockBackoffMs(attempt)).toBeLessThanOrEqual(20);
  });
});

// The embedded database's one writer, held by "another process": a second connection to the same file
// (a plain adapter, as any other writer) whose transaction writes, then keeps the lock for `ms`.
describe.skipIf(dbProvider !== "sqlite")("SQLite transactions start as writers (SQLite lane only)", () => {
  const file = dbProvider === "sqlite" ? sqliteFilePath(databaseUrl()) : "";
  let other: PrismaClient;
  const holdWriteLock = async (ms: number) => {
    let locked = () => {};
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const done = other.$transaction(async (tx) => {
      await tx.user.create({ data: userRow(unique("busy-holder")) });
      locked();
      await new Promise((resolve) => setTimeout(resolve, ms));
    });
    await holding;
    return { released: done };
  };

  beforeAll(() => {
    other = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file }) });
  });
  afterAll(() => other.$disconnect());

  it("a transaction that reads, then writes, waits for another process's write and commits", async () => {
    const key = unique("busy-tag");
    const { released } = await holdWriteLock(300);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const started = performance.now();
    await db.$transaction(async (tx) => {
      await tx.user.count(); // a read first: with a deferred BEGIN the write below failed with SQLITE_BUSY
      await tx.user.create({ data: userRow(key) });
    });
    const waited = performance.now() - started;
    clearInterval(ticker);
    await released;
    expect(waited).toBeGreaterThanOrEqual(250);
    // The event loop kept running while it waited (better-sqlite3's own busy wait would have frozen it).
    expect(ticks).toBeGreaterThan(5);
    expect(await db.user.count({ where: { userName: key } })).toBe(1);
  });

  it("past its budget a transaction gives up with DatabaseBusyError and writes nothing", async () => {
    const client = new PrismaClient({ adapter: immediateTransactions(new PrismaBetterSQLite3({ url: file, timeout: 10_000 }), 200) });
    const key = unique("busy-refused");
    const { released } = await holdWriteLock(1_000);
    try {
      const attempt = client.$transaction(async (tx) => {
        await tx.user.create({ data: userRow(key) });
      });
      const error = await attempt.then(() => null, (e: unknown) => e);
      expect(isDatabaseBusy(error)).toBe(true);
      await released;
      expect(await db.user.count({ where: { userName: key } })).toBe(0);
      // The client still works afterwards: the adapter's own lock was released.
      await client.$transaction(async (tx) => tx.user.count());
    } finally {
      await released;
      await client.$disconnect();
    }
  });
});

// Two transactions that lock the same two rows in opposite order: PostgreSQL aborts one as a deadlock,
// and the client runs it again, so both changes commit.
describe.skipIf(dbProvider !== "postgresql")("PostgreSQL deadlocks (PostgreSQL lane only)", () => {
  it("a transaction that lost a deadlock runs again and commits", async () => {
    const [a, b] = [await makeAdmin("auditor"), await makeAdmin("auditor")];
    const gate = () => {
      let resolve = () => {};
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    };
    const gates = [gate(), gate()];
    const crossing = (first: string, second: string, mine: number) =>
      db.$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE "Admin" SET "sessionVersion" = "sessionVersion" + 1 WHERE id = ${first}`;
        gates[mine].resolve();
        await gates[1 - mine].promise;
        await tx.$executeRaw`UPDATE "Admin" SET "sessionVersion" = "sessionVersion" + 1 WHERE id = ${second}`;
      });
    const before = await db.admin.findMany({ where: { id: { in: [a.id, b.id] } }, select: { id: true, sessionVersion: true } });
    await Promise.all([crossing(a.id, b.id, 0), crossing(b.id, a.id, 1)]);
    const after = await db.admin.findMany({ where: { id: { in: [a.id, b.id] } }, select: { id: true, sessionVersion: true } });
    for (const row of after) expect(row.sessionVersion).toBe(before.find((r) => r.id === row.id)!.sessionVersion + 2);
  });
});
