"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import { endOperatorSessions } from "@/lib/sessions/manage-sessions";

/** Settings > Admins > End sessions; the id is bound and authorized again in lib. Returns how many ended. */
export async function endOperatorSessionsAction(adminId: string): Promise<ActionResult<number>> {
  return runAction(async () => {
    const count = await endOperatorSessions(adminId);
    revalidatePath("/audit");
    return count;
  });
}
