import "server-only";
// SQL of "who had an active account in app X at time T". An account's state at T is decided by its last
// successful state-changing event at or before T: create, link or reactivate make it active; deactivate
// or delete end it. Updates, failures and retries change nothing. The query reads only the app's events
// up to T from ProvisioningEvent_access_idx (appId, userId, at, id, outcome, action, subjectType) alone;
// "active since" is the first activating event after the last ending one, from the same index.
import { Prisma } from "@/lib/db";
import { likeContains, sqlInstant } from "@/lib/db-sql";

export const ACTIVATING = ["create", "link", "reactivate"] as const;
export const ENDING = ["deactivate", "delete"] as const;

/** What selects the accounts: the app, the instant, optional search text, and a keyset start for exports. */
export type AccessSqlInput = { appId: string; at: Date; search?: string; afterUserId?: string };

const activating = Prisma.join(ACTIVATING.map((a) => Prisma.sql`${a}`));
const ending = Prisma.join(ENDING.map((a) => Prisma.sql`${a}`));
const stateActions = Prisma.join([...ACTIVATING, ...ENDING].map((a) => Prisma.sql`${a}`));

function base(alias: string, input: AccessSqlInput): Prisma.Sql {
  const a = Prisma.raw(alias);
  return Prisma.sql`${a}."appId" = ${input.appId} AND ${a}."subjectType" = 'user' AND ${a}."outcome" = 'success' AND ${a}."at" <= ${sqlInstant(input.at)}`;
}

/** The CTEs `ranked` and `active` (userId, userIdentifier, userName, email, displayName, inDirectory). */
export function activeAccountsCte(input: AccessSqlInput): Prisma.Sql {
  const after = input.afterUserId ? Prisma.sql`AND e."userId" > ${input.afterUserId}` : Prisma.empty;
  const pattern = input.search ? likeContains(input.search.toLowerCase()) : null;
  const search = pattern
    ? Prisma.sql`AND (lower(ev."userIdentifier") LIKE ${pattern} ESCAPE '\\' OR lower(u."email") LIKE ${pattern} ESCAPE '\\'
        OR lower(u."displayName") LIKE ${pattern} ESCAPE '\\')`
    : Prisma.empty;
  // `ranked` reads only columns of ProvisioningEvent_access_idx, so it never touches the table; the
  // identifier is then read by primary key for the active accounts only.
  return Prisma.sql`WITH ranked AS (
      SELECT e."id", e."userId", e."action",
        ROW_NUMBER() OVER (PARTITION BY e."userId" ORDER BY e."at" DESC, e."id" DESC) AS rn
      FROM "ProvisioningEvent" e
      WHERE ${base("e", input)} AND e."userId" IS NOT NULL AND e."action" IN (${stateActions}) ${after}
    ),
    active AS (
      SELECT r."userId", ev."userIdentifier", u."userName", u."email", u."displayName",
        CASE WHEN u."id" IS NULL THEN 0 ELSE 1 END AS "inDirectory"
      FROM ranked r JOIN "ProvisioningEvent" ev ON ev."id" = r."id" LEFT JOIN "User" u ON u."id" = r."userId"
      WHERE r.rn = 1 AND r."action" IN (${activating}) ${search}
    )`;
}

/**
 * "Active since" of the active account in row `alias`: its first activating event after its last ending
 * one. A correlated look-up in the access index, so pages sorted by user compute it for their rows only.
 */
export function sinceColumn(alias: string, input: AccessSqlInput): Prisma.Sql {
  const a = Prisma.raw(alias);
  return Prisma.sql`(SELECT MIN(s."at") FROM "ProvisioningEvent" s
    WHERE s."userId" = ${a}."userId" AND ${base("s", input)} AND s."action" IN (${activating})
      AND NOT EXISTS (SELECT 1 FROM "ProvisioningEvent" o
        WHERE o."userId" = ${a}."userId" AND ${base("o", input)} AND o."action" IN (${ending}) AND o."at" >= s."at"))`;
}

/** A row of the `active` CTE as raw SQL returns it. */
export type RawAccessRow = {
  userId: string;
  userIdentifier: string;
  since: unknown;
  userName: string | null;
  email: string | null;
  displayName: string | null;
  inDirectory: number | bigint;
  total?: number | bigint;
};
