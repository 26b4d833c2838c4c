// The contention test's scenario: a separate worker process pushes a group of users to the SCIM
// stand-in while an admin makes changes through lib from this process (single title edits and bulk
// deactivations of 25). On SQLite the two processes share one file and its one writer; every admin
// change must commit, none may fail, and the app must end in the desired state.
import { expect } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { seedGroup, seedPolicy } from "@/lib/provisioning/test-support";
import { setUsersActive } from "@/lib/users/set-users-active";
import { updateUser } from "@/lib/users/update-user";
import { insertUsers } from "@/test/factories";
import type { ScimStandIn, StoredResource } from "@/test/scim-standin";
import { openJobs, startWorkerProcess, stopWorker, unpacedApp, waitUntil } from "./harness";

export type ContentionPlan = { users: number; edits: number; bulkDeactivations: number; bulkSize: number };

type Person = { id: string; userName: string; email: string; title: string | null; active: boolean };

/** What the admin's changes met: each one's latency, and the errors (none expected). */
export type ContentionResult = { latenciesMs: number[]; errors: string[]; changesDuringPush: number };

/** Runs the scenario against `standIn` and asserts the app's final state; returns the admin side's figures. */
export async function runContentionScenario(standIn: ScimStandIn, admin: Actor, plan: ContentionPlan): Promise<ContentionResult> {
  // Bulk deactivations of 25 early in the push would trip the mass-change brake (20 % of few accounts);
  // this admin lets changes of up to 100 accounts through: the test is about contention, not the brake.
  const app = await db.app.update({ where: { id: (await unpacedApp(standIn)).id }, data: { brakeMinimum: 100 } });
  const group = await seedGroup();
  await seedPolicy(app.id, [group.id]);
  const people: Person[] = (await insertUsers(plan.users)).map((u) => ({ ...u, title: null, active: true }));
  await runAs(admin, () => addGroupMembers(group.id, people.map((p) => p.id)));

  const worker = startWorkerProcess([app.id]);
  const result: ContentionResult = { latenciesMs: [], errors: [], changesDuringPush: 0 };
  try {
    // The push is under way before the first change.
    await waitUntil("the worker's first requests", () => standIn.requests.length >= 20, 120_000, worker);
    const changes = changeList(people, plan);
    for (const change of changes) {
      const started = performance.now();
      try {
        await runAs(admin, change.run);
        change.apply();
      } catch (error) {
        result.errors.push(`${change.label}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      }
      result.latenciesMs.push(performance.now() - started);
      if ((await openJobs(app.id)) > 0) result.changesDuringPush++;
    }
    await waitUntil("every job finished", async () => (await openJobs(app.id)) === 0, 600_000, worker);
  } finally {
    await stopWorker(worker);
  }
  expect(result.errors, `admin changes failed: ${result.errors.slice(0, 5).join("; ")}`).toEqual([]);
  assertDesiredState(standIn.users(), people);
  expect(await db.provisioningJob.count({ where: { appId: app.id, status: "failed" } })).toBe(0);
  return result;
}

type Change = { label: string; run: () => Promise<unknown>; apply: () => void };

// Edits and bulk deactivations interleaved, spread over the list so they meet accounts created and not yet.
function changeList(people: Person[], plan: ContentionPlan): Change[] {
  const edits: Change[] = Array.from({ length: plan.edits }, (_, i) => {
    const person = people[(i * 37) % people.length];
    const title = `Edit ${i}`;
    return {
      label: `edit ${person.userName}`,
      run: () => updateUser(person.id, { userName: person.userName, email: person.email, firstName: "Load", lastName: `User ${person.userName.split("-").pop()}`, title }),
      apply: () => {
        person.title = title;
      },
    };
  });
  const stride = Math.max(1, Math.floor(people.length / (plan.bulkDeactivations * plan.bulkSize)));
  const bulks: Change[] = Array.from({ length: plan.bulkDeactivations }, (_, b) => {
    const batch = Array.from({ length: plan.bulkSize }, (_, k) => people[((b * plan.bulkSize + k) * stride + 11) % people.length]);
    return {
      label: `deactivate ${batch.length} users`,
      run: () => setUsersActive(batch.map((p) => p.id), false),
      apply: () => batch.forEach((p) => (p.active = false)),
    };
  });
  const out: Change[] = [];
  const every = Math.max(1, Math.round(edits.length / Math.max(1, bulks.length)));
  edits.forEach((edit, i) => {
    out.push(edit);
    if ((i + 1) % every === 0 && bulks.length > 0) out.push(bulks.shift()!);
  });
  return [...out, ...bulks];
}

function assertDesiredState(accounts: StoredResource[], people: Person[]): void {
  const byUserName = new Map(accounts.map((a) => [String(a.userName), a as StoredResource & { title?: string }]));
  const problems: string[] = [];
  for (const person of people) {
    const account = byUserName.get(person.userName);
    if (!person.active) {
      if (account && account.active !== false) problems.push(`${person.userName} was deactivated but is still active`);
      continue;
    }
    if (!account) problems.push(`${person.userName} has no account`);
    else if (account.active !== true) problems.push(`${person.userName} is not active`);
    else if ((account.title ?? null) !== person.title) problems.push(`${person.userName} has title ${String(account.title)}, want ${String(person.title)}`);
  }
  expect(problems, `the app differs from the desired state: ${problems.slice(0, 10).join("; ")}`).toEqual([]);
}
