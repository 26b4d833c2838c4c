import "server-only";
import { db, dbProvider, Prisma, type Tx } from "@/lib/db";
import { sqlInstant } from "@/lib/db-sql";
import { wholeNumberFromEnv } from "@/lib/env-number";

/**
 * Sign-in throttling. Every attempt (a password, a second-factor code) first takes a slot under each
 * of its keys, atomically, counting itself as a failure; a sign-in that completes clears the account's
 * count. A key allows `limit` attempts at once, then each further attempt waits a growing delay
 * (1 s, 2 s, 4 s … at most 15 minutes) after the one before. Keys:
 * - "client:<address>": the client, as the server decided it (never a client-chosen header);
 * - "account:<email>": the account, for browsers that never completed a sign-in to it;
 * - "device:<id>": a browser that did (it holds a signed device cookie), so an attacker elsewhere who
 *   keeps the account's key at its longest delay does not lock the operator out of their own browser.
 */
export type ThrottleKind = "client" | "account" | "device";
export type ThrottleKey = { kind: ThrottleKind; id: string };

export const MAX_DELAY_SECONDS = 15 * 60;
/** A key whose last attempt is older than this starts counting from zero again. */
export const FORGET_AFTER_MS = 60 * 60_000;

export function throttleLimits(env = process.env): Record<ThrottleKind, number> {
  return {
    account: wholeNumberFromEnv("SIGNIN_MAX_FAILURES_PER_ACCOUNT", 5, { min: 1, max: 1000 }, env),
    device: wholeNumberFromEnv("SIGNIN_MAX_FAILURES_PER_ACCOUNT", 5, { min: 1, max: 1000 }, env),
    client: wholeNumberFromEnv("SIGNIN_MAX_FAILURES_PER_IP", 20, { min: 1, max: 100_000 }, env),
  };
}

/** Seconds to wait after the `failures`-th failure under a key whose limit is `limit`. */
export function delayAfter(failures: number, limit: number): number {
  if (failures < limit) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** Math.min(30, failures - limit));
}

export function keyName(key: ThrottleKey): string {
  return `${key.kind}:${key.id.toLowerCase().slice(0, 300)}`;
}

export type SlotResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Takes one attempt's slot under every key, or none: when any key is waiting out its delay, nothing
 * is counted and the wait is returned. Runs in one transaction that locks the keys' rows (SQLite's
 * writer lock; PostgreSQL row locks, taken in key order), so parallel attempts never both see room.
 */
export async function takeSlot(keys: ThrottleKey[], now = new Date()): Promise<SlotResult> {
  const names = [...new Set(keys.map(keyName))].sort();
  const limits = throttleLimits();
  return db.$transaction(async (tx) => {
    const rows = [];
    for (const name of names) rows.push(await lockedRow(tx, name, now));
    const waits = rows.map((row) => row.nextAllowedAt.getTime() - now.getTime()).filter((ms) => ms > 0);
    if (waits.length > 0) return { ok: false, retryAfterSeconds: Math.ceil(Math.max(...waits) / 1000) };
    for (const row of rows) {
      const fresh = now.getTime() - row.updatedAt.getTime() < FORGET_AFTER_MS;
      const failures = (fresh ? row.failures : 0) + 1;
      const limit = limits[row.key.slice(0, row.key.indexOf(":")) as ThrottleKind] ?? limits.account;
      await tx.signInThrottle.update({
        where: { key: row.key },
        data: { failures, updatedAt: now, nextAllowedAt: new Date(now.getTime() + delayAfter(failures, limit) * 1000) },
      });
    }
    return { ok: true } as const;
  });
}

async function lockedRow(tx: Tx, key: string, now: Date) {
  const at = sqlInstant(now);
  await tx.$executeRaw(
    Prisma.sql`INSERT INTO "SignInThrottle" ("key", "failures", "nextAllowedAt", "updatedAt") VALUES (${key}, 0, ${at}, ${at}) ON CONFLICT ("key") DO NOTHING`,
  );
  if (dbProvider === "postgresql") await tx.$queryRaw(Prisma.sql`SELECT 1 FROM "SignInThrottle" WHERE "key" = ${key} FOR UPDATE`);
  return tx.signInThrottle.findUniqueOrThrow({ where: { key } });
}

/** Forgets the failures under these keys: a completed sign-in, or a password reset for the account. */
export async function clearThrottle(keys: ThrottleKey[]): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: { in: keys.map(keyName) } } });
}

/**
 * A sign-in completed: the account's (or browser's) count is forgotten, and the client's count gives
 * back the slot this sign-in took, so operators signing in from one office address never add up to
 * its limit; the client's earlier failures still count.
 */
export async function signInSucceeded(keys: ThrottleKey[], now = new Date()): Promise<void> {
  await clearThrottle(keys.filter((key) => key.kind !== "client"));
  const limit = throttleLimits().client;
  for (const key of keys.filter((k) => k.kind === "client")) {
    const name = keyName(key);
    await db.$transaction(async (tx) => {
      const row = await tx.signInThrottle.findUnique({ where: { key: name } });
      if (!row || row.failures === 0) return;
      const failures = row.failures - 1;
      await tx.signInThrottle.update({
        where: { key: name },
        data: { failures, ...(failures < limit ? { nextAllowedAt: now } : {}) },
      });
    });
  }
}

/** Deletes counters nobody has used for a day and that hold no wait (the daily purge). */
export async function purgeStaleThrottles(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - 24 * 60 * 60_000);
  return (await db.signInThrottle.deleteMany({ where: { updatedAt: { lt: cutoff }, nextAllowedAt: { lt: now } } })).count;
}
