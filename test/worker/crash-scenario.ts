// The crash test's scenario, shared by the fast variant (npm test) and the long one (npm run test:long):
// a real worker process pushes a group of users to the SCIM stand-in and is SIGKILLed after N requests
// at each kill point, restarted each time; between kills some users are edited and some leave the
// group. At the end the app must hold exactly the desired state, once per person.
import { expect } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { removeGroupMembers } from "@/lib/groups/remove-group-members";
import { seedGroup, seedPolicy } from "@/lib/provisioning/test-support";
import { updateUser } from "@/lib/users/update-user";
import { insertUsers } from "@/test/factories";
import type { ScimStandIn, StoredResource } from "@/test/scim-standin";
import { expireLeases, unpacedApp, killWorker, openJobs, startWorkerProcess, stopWorker, waitUntil } from "./harness";

export type CrashScenario = { users: number; killAfter: number[]; editsPerRound: number; removalsPerRound: number };

type Person = { id: string; userName: string; email: string; title: string | null; member: boolean };

/** Runs the scenario against `standIn` and asserts the final state; returns what it did, for the test's log. */
export async function runCrashScenario(standIn: ScimStandIn, admin: Actor, scenario: CrashScenario) {
  const app = await unpacedApp(standIn);
  const group = await seedGroup();
  await seedPolicy(app.id, [group.id]);
  const people: Person[] = (await insertUsers(scenario.users)).map((u) => ({ ...u, title: null, member: true }));
  await runAs(admin, () => addGroupMembers(group.id, people.map((p) => p.id)));

  let kills = 0;
  let leasesTakenOver = 0;
  for (const [round, after] of scenario.killAfter.entries()) {
    const worker = startWorkerProcess([app.id]);
    const target = standIn.requests.length + after;
    await waitUntil(`the stand-in saw ${target} requests`, async () => standIn.requests.length >= target || (await openJobs(app.id)) === 0, 300_000, worker);
    await killWorker(worker);
    kills++;
    // Users whose request was in flight when the worker died: some of them leave the group now, the
    // hardest case (the app may hold an account whose answer was lost).
    const inFlight = new Set((await db.provisioningJob.findMany({ where: { appId: app.id, status: "running" }, select: { subjectId: true } })).map((j) => j.subjectId));
    leasesTakenOver += await expireLeases(app.id);
    await changeSome(admin, group.id, people, round, scenario, inFlight);
  }
  const last = startWorkerProcess([app.id]);
  await waitUntil("every job finished", async () => (await openJobs(app.id)) === 0, 400_000, last);
  await stopWorker(last);

  assertDesiredState(standIn.users(), people);
  // Every change applied: nothing gave up.
  expect(await db.provisioningJob.count({ where: { appId: app.id, status: "failed" } })).toBe(0);
  return { kills, leasesTakenOver, requests: standIn.requests.length };
}

// Edits spread over the whole list, so some hit accounts already created and some not yet.
async function changeSome(admin: Actor, groupId: string, people: Person[], round: number, scenario: CrashScenario, inFlight: Set<string>): Promise<void> {
  const stride = Math.floor(people.length / (scenario.editsPerRound + scenario.removalsPerRound + 1));
  const members = people.filter((p) => p.member);
  const picked = Array.from({ length: scenario.editsPerRound + scenario.removalsPerRound }, (_, i) => members[(round * 7 + i * stride) % members.length]);
  const edits = picked.slice(0, scenario.editsPerRound);
  // Half the removals are users caught in flight, the rest spread over the list.
  const caught = members.filter((p) => inFlight.has(p.id) && !edits.includes(p)).slice(0, Math.ceil(scenario.removalsPerRound / 2));
  const spread = picked.slice(scenario.editsPerRound, scenario.editsPerRound + scenario.removalsPerRound - caught.length);
  const removals = [...new Set([...caught, ...spread])].filter((p) => !edits.includes(p));
  for (const person of edits) {
    person.title = `Round ${round}`;
    await runAs(admin, () => updateUser(person.id, { userName: person.userName, email: person.email, firstName: "Load", lastName: `User ${person.userName.split("-").pop()}`, title: person.title ?? "" }));
  }
  await runAs(admin, () => removeGroupMembers(groupId, removals.map((p) => p.id)));
  for (const person of removals) person.member = false;
}

function assertDesiredState(accounts: StoredResource[], people: Person[]): void {
  const problems: string[] = [];
  const duplicates = (what: string, key: (a: StoredResource) => unknown) => {
    const seen = new Map<unknown, number>();
    for (const a of accounts) seen.set(key(a), (seen.get(key(a)) ?? 0) + 1);
    for (const [value, n] of seen) if (n > 1) problems.push(`${n} accounts with ${what} ${String(value)}`);
  };
  // No duplicate accounts: one per userName, and no two created for the same person (externalId).
  duplicates("userName", (a) => String(a.userName).toLowerCase());
  duplicates("externalId", (a) => a.externalId);
  const byUserName = new Map(accounts.map((a) => [a.userName, a]));
  for (const person of people) {
    const account = byUserName.get(person.userName) as (StoredResource & { title?: string; emails?: { value: string }[] }) | undefined;
    if (!person.member) {
      if (account && account.active !== false) problems.push(`${person.userName} left the group but is still active`);
      continue;
    }
    if (!account) {
      problems.push(`${person.userName} has no account`);
      continue;
    }
    if (account.active !== true) problems.push(`${person.userName} is not active`);
    if (account.externalId !== person.id) problems.push(`${person.userName} has externalId ${String(account.externalId)}`);
    if ((account.title ?? null) !== person.title) problems.push(`${person.userName} has title ${String(account.title)}, want ${String(person.title)}`);
    if (account.emails?.[0]?.value !== person.email) problems.push(`${person.userName} has email ${String(account.emails?.[0]?.value)}`);
  }
  // Nothing in the app that the console did not put there.
  const known = new Set(people.map((p) => p.userName));
  for (const a of accounts) if (!known.has(String(a.userName))) problems.push(`${String(a.userName)} is in the app but not in the directory`);
  // The message names the problems, so a failure in CI's summary says which one it was.
  expect(problems, `the app differs from the desired state: ${problems.slice(0, 10).join("; ")}`).toEqual([]);
}
