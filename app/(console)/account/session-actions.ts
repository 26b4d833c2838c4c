"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import { endOtherOwnSessions, endOwnSession } from "@/lib/sessions/manage-sessions";

/** "End" on one row of Your account > Sessions; the id is authorized again in lib. */
export async function endOwnSessionAction(sessionId: string): Promise<ActionResult> {
  return runAction(async () => {
    await endOwnSession(sessionId);
    revalidatePath("/account");
    return undefined;
  });
}

/** "Sign out everywhere else"; returns how many sessions ended. */
export async function endOtherOwnSessionsAction(): Promise<ActionResult<number>> {
  return runAction(async () => {
    const count = await endOtherOwnSessions();
    revalidatePath("/account");
    return count;
  });
}
