import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db, uniqueViolation, type Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { enqueueForUsers } from "@/lib/provisioning/enqueue";
import { wakeWorker } from "@/lib/provisioning/wake";
import type { UserInput } from "@/lib/schemas/user";
import { userRowData } from "@/lib/users/user-shape";
import { IMPORT_CHUNK_SIZE, MAX_REPORTED_ROWS, type ImportResult } from "./limits";
import { parseUsersCsv } from "./parse-csv";
import { importFileSchema, type ImportFileInput } from "./schema";
import { checkAgainstDirectory, idsByUserNameKey, isReady, toReport, validateRows, type ImportRow } from "./validate-rows";

type ReadyRow = ImportRow & { data: UserInput };

const NOTHING_TO_IMPORT = "None of the rows can be imported. Fix the errors shown in the preview and upload the file again.";

// Someone may add a clashing user (or delete a manager) between our check and our insert; the
// transaction then fails as a whole, and a fresh check skips that row on the next attempt.
const ATTEMPTS = 3;

function isRaceError(error: unknown): boolean {
  return uniqueViolation(error) !== null || (typeof error === "object" && error !== null && (error as { code?: string }).code === "P2003");
}

function toCreateData(row: ReadyRow) {
  return userRowData(row.data, row.managerId);
}

// Managers that are rows of the same file get their id only once inserted: a second pass,
// one updateMany per manager.
async function linkManagersInFile(tx: Tx, ready: ReadyRow[]) {
  const reportsByManager = new Map<string, string[]>();
  for (const row of ready) {
    if (!row.managerRow) continue;
    const list = reportsByManager.get(row.managerRow.userNameKey) ?? [];
    list.push(row.userNameKey);
    reportsByManager.set(row.managerRow.userNameKey, list);
  }
  if (reportsByManager.size === 0) return;
  const ids = await idsByUserNameKey(tx, [...reportsByManager.keys()]);
  for (const [managerKey, reportKeys] of reportsByManager) {
    const managerId = ids.get(managerKey);
    if (!managerId) continue; // cannot happen: the manager's row was inserted in this transaction
    for (let i = 0; i < reportKeys.length; i += IMPORT_CHUNK_SIZE) {
      await tx.user.updateMany({ where: { userNameKey: { in: reportKeys.slice(i, i + IMPORT_CHUNK_SIZE) } }, data: { managerId } });
    }
  }
}

/**
 * Imports the valid rows of a users CSV in one transaction with one `user.import` audit row.
 * Checks everything again (the preview is not trusted); rows with errors are skipped and reported.
 */
export async function importUsers(input: ImportFileInput): Promise<ImportResult> {
  const actor = await requirePermission("users:write");
  const { fileName, content } = importFileSchema.parse(input);
  const parsed = parseUsersCsv(content);

  for (let attempt = 1; ; attempt++) {
    const rows = validateRows(parsed.rows);
    try {
      const result = await db.$transaction(
        async (tx) => {
          await checkAgainstDirectory(tx, rows);
          const ready = rows.filter(isReady);
          const skipped = rows.filter((r) => !isReady(r));
          if (ready.length === 0) throw new DomainError(NOTHING_TO_IMPORT, { file: [NOTHING_TO_IMPORT] });
          for (let i = 0; i < ready.length; i += IMPORT_CHUNK_SIZE) {
            await tx.user.createMany({ data: ready.slice(i, i + IMPORT_CHUNK_SIZE).map(toCreateData) });
          }
          await linkManagersInFile(tx, ready);
          // New users belong to no group yet, so this usually plans nothing; it keeps the rule "every change plans".
          const createdIds = await idsByUserNameKey(tx, ready.map((r) => r.userNameKey));
          await enqueueForUsers(tx, [...createdIds.values()], actor.email);
          await writeAudit(tx, actor, {
            action: "user.import",
            targetType: "user",
            targetLabel: fileName,
            after: { created: ready.length, skipped: skipped.length, fileName },
          });
          return {
            fileName,
            created: ready.length,
            skippedCount: skipped.length,
            skipped: skipped.slice(0, MAX_REPORTED_ROWS).map(toReport),
          };
        },
        { maxWait: 10_000, timeout: 120_000 },
      );
      wakeWorker();
      return result;
    } catch (error) {
      if (attempt < ATTEMPTS && isRaceError(error)) continue;
      throw error;
    }
  }
}
