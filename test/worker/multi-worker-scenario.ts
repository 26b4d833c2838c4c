// Four worker processes on one app (PostgreSQL: FOR UPDATE SKIP LOCKED and leases) with a stream of edits.
// Checked at the SCIM stand-in, which sees every request: no operation executed twice (each user's
// writes match the successful attempts the console recorded, beyond retries of requests that got no
// answer) and per-user order kept (a user's POST comes first and its edits arrive in the order made).
import { expect } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { seedGroup, seedPolicy } from "@/lib/provisioning/test-support";
import { updateUser } from "@/lib/users/update-user";
import { insertUsers } from "@/test/factories";
import type { RecordedRequest, ScimStandIn } from "@/test/scim-standin";
import { openJobs, startWorkerProcess, stopWorker, unpacedApp, waitUntil } from "./harness";

export type MultiWorkerScenario = { workers: number; users: number; editRounds: number; editsPerRound: number; requestsBetweenRounds: number };

const WRITE_ACTIONS = new Set(["create", "update", "deactivate", "reactivate", "delete"]);

type Operation = { op?: string; path?: string; value?: unknown };

/** The title a PATCH or PUT sets, if it sets one. */
function titleSent(request: RecordedRequest): string | undefined {
  const body = request.body as { title?: string; Operations?: Operation[] } | undefined;
  if (request.method === "PUT") return body?.title;
  for (const op of body?.Operations ?? []) {
    if (op.path === "title" && typeof op.value === "string") return op.value;
    if (!op.path && typeof op.value === "object" && op.value !== null && "title" in op.value) return String((op.value as { title: unknown }).title);
  }
  return undefined;
}

/** Runs the scenario and asserts its properties; returns counts for the test's log. */
export async function runMultiWorkerScenario(standIn: ScimStandIn, admin: Actor, scenario: MultiWorkerScenario) {
  const app = await unpacedApp(standIn, 16);
  const group = await seedGroup();
  await seedPolicy(app.id, [group.id]);
  const people = await insertUsers(scenario.users);
  await runAs(admin, () => addGroupMembers(group.id, people.map((p) => p.id)));
  const workers = Array.from({ length: scenario.workers }, () => startWorkerProcess([app.id], { WORKER_CONCURRENCY: "4" }));
  // Edits keep coming while the workers push: a pool of users is edited again and again, each time
  // with a higher round number, so the order they reach the app can be checked.
  const pool = people.filter((_, i) => i % Math.max(1, Math.floor(people.length / (scenario.editsPerRound * 2))) === 0);
  const lastTitle = new Map<string, string>();
  try {
    for (let round = 1; round <= scenario.editRounds; round++) {
      const target = standIn.requests.length + scenario.requestsBetweenRounds;
      await waitUntil(`the stand-in saw ${target} requests`, async () => standIn.requests.length >= target || (await openJobs(app.id)) === 0, 120_000, ...workers);
      for (let i = 0; i < scenario.editsPerRound; i++) {
        const person = pool[(round * 3 + i) % pool.length];
        const title = `Round ${String(round).padStart(3, "0")}`;
        lastTitle.set(person.id, title);
        await runAs(admin, () => updateUser(person.id, { userName: person.userName, email: person.email, firstName: "Load", lastName: `User ${person.userName.split("-").pop()}`, title }));
      }
    }
    await waitUntil("every job finished", async () => (await openJobs(app.id)) === 0, 300_000, ...workers);
  } finally {
    await Promise.all(workers.map(stopWorker));
  }

  const accounts = standIn.users();
  const userNameById = new Map(accounts.map((a) => [a.id, String(a.userName)]));
  const writes = new Map<string, RecordedRequest[]>();
  for (const request of standIn.requests) {
    if (request.method === "GET" || !request.path.startsWith("/Users")) continue;
    const userName = request.method === "POST" ? (request.body as { userName?: string }).userName : userNameById.get(decodeURIComponent(request.path.split("/")[2] ?? ""));
    if (!userName) continue;
    writes.set(userName, [...(writes.get(userName) ?? []), request]);
  }
  const events = await db.provisioningEvent.findMany({ where: { appId: app.id, subjectType: "user" }, select: { userIdentifier: true, action: true, outcome: true, httpStatus: true } });
  const succeeded = new Map<string, number>();
  const unanswered = new Map<string, number>();
  for (const e of events) {
    if (e.outcome === "success" && WRITE_ACTIONS.has(e.action)) succeeded.set(e.userIdentifier, (succeeded.get(e.userIdentifier) ?? 0) + 1);
    // A retry after no answer (timeout, connection lost) may repeat a write the app did apply.
    if (e.outcome === "retrying" && e.httpStatus === null) unanswered.set(e.userIdentifier, (unanswered.get(e.userIdentifier) ?? 0) + 1);
  }

  const problems: string[] = [];
  for (const person of people) {
    const sent = writes.get(person.userName) ?? [];
    const done = succeeded.get(person.userName) ?? 0;
    const slack = unanswered.get(person.userName) ?? 0;
    if (sent.length < done || sent.length > done + slack) problems.push(`${person.userName}: ${sent.length} writes at the app for ${done} successful attempts (${slack} unanswered)`);
    if (sent[0]?.method !== "POST") problems.push(`${person.userName}: first write was ${sent[0]?.method ?? "none"}, not POST`);
    if (sent.filter((r) => r.method === "POST").length > 1 + slack) problems.push(`${person.userName}: ${sent.filter((r) => r.method === "POST").length} POSTs`);
    const titles = sent.map(titleSent).filter((t): t is string => t !== undefined);
    if (titles.some((t, i) => i > 0 && t < titles[i - 1])) problems.push(`${person.userName}: edits arrived out of order: ${titles.join(", ")}`);
    const account = accounts.filter((a) => a.userName === person.userName);
    if (account.length !== 1) problems.push(`${person.userName}: ${account.length} accounts`);
    else if (((account[0] as { title?: string }).title ?? undefined) !== lastTitle.get(person.id)) {
      problems.push(`${person.userName}: title ${String((account[0] as { title?: string }).title)}, last edit ${String(lastTitle.get(person.id))}`);
    }
  }
  expect(problems.slice(0, 20)).toEqual([]);
  expect(await db.provisioningJob.count({ where: { appId: app.id, status: { not: "succeeded" } } })).toBe(0);
  return { requests: standIn.requests.length, edited: lastTitle.size, attempts: events.length };
}
