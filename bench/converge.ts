// What the provisioning benchmarks share: granting an app to a group the way the console does, and
// waiting until the app's accounts are active.
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { createPolicy } from "@/lib/policies/create-policy";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A policy granting the app to the group, created the way the console does (jobs queued in the same transaction). */
export function grant(admin: Actor, appId: string, groupId: string) {
  return runAs(admin, () => createPolicy({ appId, groupIds: [groupId], name: `Bench policy ${appId}`, loginMethod: "None", enabled: true }));
}

/** Waits until the apps hold `target` active accounts, or have no job left to run, or the timeout. */
export async function waitForActive(appIds: string[], target: number, timeoutMs: number): Promise<{ active: number; timedOut: boolean }> {
  const where = { appId: { in: appIds }, state: "active" };
  const deadline = Date.now() + timeoutMs;
  let lastLog = Date.now();
  for (;;) {
    const active = await db.appAccount.count({ where });
    if (active >= target) return { active, timedOut: false };
    if (Date.now() > deadline) return { active, timedOut: true };
    const open = await db.provisioningJob.count({ where: { appId: { in: appIds }, status: { in: ["queued", "running"] } } });
    // Counted again: the last jobs may have been recorded between the two queries.
    if (open === 0) return { active: await db.appAccount.count({ where }), timedOut: false };
    if (Date.now() - lastLog > 10_000) {
      console.log(`  … ${active.toLocaleString("en-US")} of ${target.toLocaleString("en-US")} active`);
      lastLog = Date.now();
    }
    await sleep(100);
  }
}
