import "server-only";
// SQL dialect helpers for raw statements, shared by the engine (claims, recording, the outbox) and the
// reports: SQLite keeps DateTime as ISO text ("2026-11-22T16:07:40.000+00:00"), PostgreSQL as
// timestamp(3) in UTC.
import { dbProvider, Prisma } from "@/lib/db";

/** An instant as a SQL value comparable with a DateTime column on this provider. */
export function sqlInstant(date: Date): Prisma.Sql {
  const iso = date.toISOString();
  return dbProvider === "postgresql" ? Prisma.sql`CAST(${iso} AS timestamp(3))` : Prisma.sql`${iso.replace("Z", "+00:00")}`;
}

/** A LIKE pattern (used with ESCAPE '\') matching `text` literally anywhere: wildcards and the escape character escaped. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A DateTime read by raw SQL (text on SQLite, Date on PostgreSQL) as a Date. */
export function rawDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}
