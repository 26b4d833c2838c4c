"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import { retryJob } from "@/lib/provisioning/worker/retry-job";

/** Report row detail > Retry: queues the failed job again (retryJob re-authorizes provisioning:retry). */
export async function retryEventJobAction(eventId: string, jobId: string): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const result = await retryJob(jobId);
    revalidatePath(`/reports/events/${eventId}`);
    return result;
  });
}
