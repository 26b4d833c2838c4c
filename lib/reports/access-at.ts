import "server-only";
import { requirePermission } from "@/lib/authz";
import { db, Prisma } from "@/lib/db";
import type { ListParams, Page } from "@/lib/list-params";
import { activeAccountsCte, sinceColumn, type RawAccessRow } from "./access-at-sql";
import { rawDate } from "@/lib/db-sql";
import type { CsvColumn } from "./csv";
import { getRetentionStatus } from "./retention";

/** Sort keys of the access list. */
export const ACCESS_SORT_KEYS = ["user", "since"] as const;
export type AccessSort = (typeof ACCESS_SORT_KEYS)[number];

/** One account that was active at the chosen time. */
export type AccessRow = {
  userId: string;
  /** The identifier the app was given (userName at the time of the last event). */
  userIdentifier: string;
  displayName: string | null;
  email: string | null;
  /** False when the user has since been deleted from the directory. */
  inDirectory: boolean;
  /** When the account became active (first create, link or reactivate after its last deactivation). */
  since: string;
};

/** The validated question, or what was wrong with it. */
export type AccessQuery = {
  app: { id: string; name: string } | null;
  at: Date;
  /** The raw `at` the person gave (kept in the form after an error). */
  atInput: string;
  errors: { app?: string; at?: string };
  notices: string[];
};

const MAX_AT_INPUT = 64;

/** The connected apps to choose from, by name. */
export async function listAccessApps(): Promise<{ id: string; name: string }[]> {
  await requirePermission("reports:read");
  return db.app.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/** Parses and checks `app` and `at` from the URL: unknown apps and malformed times give a message, never a crash. */
export async function resolveAccessQuery(raw: { app?: string; at?: string }, now: Date = new Date()): Promise<AccessQuery> {
  await requirePermission("reports:read");
  const query: AccessQuery = { app: null, at: now, atInput: (raw.at ?? "").slice(0, MAX_AT_INPUT), errors: {}, notices: [] };
  const appId = raw.app?.trim();
  if (appId) {
    const app = appId.length <= 64 ? await db.app.findUnique({ where: { id: appId }, select: { id: true, name: true } }) : null;
    if (app) query.app = app;
    else query.errors.app = "That app does not exist (it may have been disconnected). Choose an app from the list.";
  }
  const atText = raw.at?.trim();
  if (atText) {
    const at = atText.length <= MAX_AT_INPUT && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(atText) ? new Date(atText) : null;
    if (!at || Number.isNaN(at.getTime())) {
      query.errors.at = "That is not a valid date and time. Pick one with the date picker, e.g. 2026-11-01 09:30.";
    } else if (at.getTime() > now.getTime()) {
      query.notices.push("That time is in the future, so the list shows who has access now.");
    } else {
      query.at = at;
    }
  }
  if (query.app && !query.errors.at) {
    const retention = await getRetentionStatus();
    if (retention.lastPurge && query.at.getTime() < new Date(retention.lastPurge.cutoff).getTime()) {
      query.notices.push(
        `Events before ${retention.lastPurge.cutoff} were purged (events are kept ${retention.days} days). Each account's last change before then was kept, but the list may be incomplete for times that early.`,
      );
    }
  }
  return query;
}

function toRow(r: RawAccessRow): AccessRow {
  return {
    userId: r.userId,
    userIdentifier: r.userIdentifier,
    displayName: r.displayName,
    email: r.email,
    inDirectory: Number(r.inDirectory) === 1,
    since: rawDate(r.since).toISOString(),
  };
}

/** One page of the accounts active in `appId` at `at`, searchable by identifier, email or name. */
export async function listAccessAt(input: { appId: string; at: Date }, params: ListParams<AccessSort>): Promise<Page<AccessRow>> {
  await requirePermission("reports:read");
  const sqlInput = { appId: input.appId, at: input.at, search: params.q || undefined };
  const cte = activeAccountsCte(sqlInput);
  const offset = (params.page - 1) * params.pageSize;
  const d = Prisma.raw(params.dir === "desc" ? "DESC" : "ASC");
  const rows =
    params.sort === "since"
      ? await db.$queryRaw<RawAccessRow[]>(Prisma.sql`${cte}
          SELECT w.*, COUNT(*) OVER () AS "total" FROM (SELECT a.*, ${sinceColumn("a", sqlInput)} AS "since" FROM active a) w
          ORDER BY w."since" ${d}, w."userId" ASC LIMIT ${params.pageSize} OFFSET ${offset}`)
      : await db.$queryRaw<RawAccessRow[]>(Prisma.sql`${cte}
          SELECT p.*, ${sinceColumn("p", sqlInput)} AS "since" FROM (
            SELECT a.*, COUNT(*) OVER () AS "total" FROM active a
            ORDER BY lower(a."userIdentifier") ${d}, a."userId" ASC LIMIT ${params.pageSize} OFFSET ${offset}) p
          ORDER BY lower(p."userIdentifier") ${d}, p."userId" ASC`);
  let total = rows.length > 0 ? Number(rows[0].total) : 0;
  if (rows.length === 0 && offset > 0) {
    const counted = await db.$queryRaw<{ n: number | bigint }[]>(Prisma.sql`${cte} SELECT COUNT(*) AS "n" FROM active`);
    total = Number(counted[0]?.n ?? 0);
  }
  return { rows: rows.map(toRow), total, page: params.page, pageSize: params.pageSize };
}

const EXPORT_BATCH = 2_000;

/**
 * Every account active in `appId` at `at`, in userId order, read in batches (keyset) for a streamed export.
 * The permission is checked here, before the response starts, not lazily when the stream first pulls.
 */
export async function accessAtRows(input: { appId: string; at: Date; search?: string }): Promise<AsyncIterable<AccessRow>> {
  await requirePermission("reports:read");
  return readAccessBatches(input);
}

async function* readAccessBatches(input: { appId: string; at: Date; search?: string }): AsyncGenerator<AccessRow> {
  let after: string | undefined;
  for (;;) {
    const sqlInput = { ...input, afterUserId: after };
    const rows = await db.$queryRaw<RawAccessRow[]>(
      Prisma.sql`${activeAccountsCte(sqlInput)} SELECT a.*, ${sinceColumn("a", sqlInput)} AS "since" FROM active a ORDER BY a."userId" ASC LIMIT ${EXPORT_BATCH}`,
    );
    for (const row of rows) yield toRow(row);
    if (rows.length < EXPORT_BATCH) return;
    after = rows[rows.length - 1].userId;
  }
}

/** The export's columns: times in UTC ISO 8601. */
export function accessCsvColumns(app: { name: string }, at: Date): CsvColumn<AccessRow>[] {
  return [
    { header: "App", value: () => app.name },
    { header: "Active at (UTC)", value: () => at },
    { header: "User identifier", value: (r) => r.userIdentifier },
    { header: "Display name", value: (r) => r.displayName },
    { header: "Email", value: (r) => r.email },
    { header: "In directory", value: (r) => (r.inDirectory ? "yes" : "no (deleted)") },
    { header: "Active since (UTC)", value: (r) => new Date(r.since) },
    { header: "User id", value: (r) => r.userId },
  ];
}
