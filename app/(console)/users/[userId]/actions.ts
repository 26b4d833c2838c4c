"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import { provisionNow } from "@/lib/provisioning/provision-now";
import { retryJob } from "@/lib/provisioning/worker/retry-job";

// Both lib functions re-authorize (provisioning:retry) and re-validate the ids; these only map results.

/** App accounts > Provision now: plans the user again in one app and queues what is needed. */
export async function provisionNowAction(userId: string, appId: string): Promise<ActionResult<{ queued: number }>> {
  return runAction(async () => {
    const result = await provisionNow(userId, appId);
    revalidatePath(`/users/${userId}`);
    return result;
  });
}

/** App accounts > Retry: queues a failed job again from its first attempt. */
export async function retryJobAction(userId: string, jobId: string): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const result = await retryJob(jobId);
    revalidatePath(`/users/${userId}`);
    return result;
  });
}
