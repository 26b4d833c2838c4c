"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import { resumeApp } from "@/lib/apps/resume-app";

/** Resume a quarantined app's held queue (admins: apps:write, checked in resumeApp). */
export async function resumeAppAction(appId: string): Promise<ActionResult<{ waiting: number }>> {
  const result = await runAction(() => resumeApp(appId));
  if (result.ok) revalidatePath(`/apps/${appId}`);
  return result;
}
