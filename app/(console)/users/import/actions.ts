"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import { DomainError } from "@/lib/errors";
import { importUsers } from "@/lib/user-import/import-users";
import { FILE_TOO_LARGE, MAX_IMPORT_BYTES, type ImportPreview, type ImportResult } from "@/lib/user-import/limits";
import { previewUserImport } from "@/lib/user-import/preview-import";

function fileError(message: string): DomainError {
  return new DomainError(message, { file: [message] });
}

// The browser sends the file itself on both steps: nothing is kept on disk between them, and
// the import checks every row again instead of trusting the preview.
async function readCsv(formData: FormData): Promise<{ fileName: string; content: string }> {
  const file = formData.get("file");
  if (!(file instanceof File) || file.name === "") throw fileError("Choose a CSV file to upload.");
  if (!/\.csv$/i.test(file.name)) throw fileError("Choose a .csv file (in Excel: File › Save As › CSV UTF-8).");
  if (file.size > MAX_IMPORT_BYTES) throw fileError(FILE_TOO_LARGE);
  return { fileName: file.name, content: await file.text() };
}

/** Step 2: parses and checks the file; writes nothing. */
export async function previewImportAction(_prev: ActionResult<ImportPreview> | null, formData: FormData): Promise<ActionResult<ImportPreview>> {
  return runAction(async () => previewUserImport(await readCsv(formData)));
}

/** Step 3: imports the file's valid rows. */
export async function importUsersAction(_prev: ActionResult<ImportResult> | null, formData: FormData): Promise<ActionResult<ImportResult>> {
  const result = await runAction(async () => importUsers(await readCsv(formData)));
  if (result.ok) revalidatePath("/users");
  return result;
}
