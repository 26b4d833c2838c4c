// The admin-save benchmark's measuring process (bench/admin-latency.ts starts one per database lane with
// DATABASE_URL set, under the react-server condition). The scale-out set-up: the worker runs as its own
// process (`npm run worker`), the console's saves run here through lib/ as the console's server actions
// call them. Saves are timed twice in the same run: with the worker idle (baseline), then while it pushes
// a BENCH_LATENCY_USERS-user grant (default 10,000). Prints one `RESULT {json}` line.
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { seedApp, seedGroup } from "@/lib/provisioning/test-support";
import { setUsersActive } from "@/lib/users/set-users-active";
import { updateUser } from "@/lib/users/update-user";
import { insertUsers, makeAdmin } from "@/test/factories";
import { grant, sleep } from "./converge";
import { startStandInProcess, startWorkerProcess } from "./processes";
import { percentile } from "./report";

const USERS = Number(process.env.BENCH_LATENCY_USERS ?? 10_000);
/** One save in this many is a bulk deactivation of BULK users; the others are single edits. */
const BULK_EVERY = 10;
const BULK = 25;
/** Pause between saves: an admin clicking, spread over the whole push. */
const PAUSE_MS = 100;
const BASELINE_SAVES = 100;

type Figures = { saves: number; bulk: number; errors: number; p50: number; p99: number; max: number };
/** What one lane measured; bench/admin-latency.ts turns it into the docs table. */
export type AdminLatencyResult = { users: number; baseline: Figures; underLoad: Figures; pushSeconds: number; deactivated: number; workerPeakRssMb: number };

type Person = { id: string; userName: string; email: string };

function figures(samples: number[], bulk: number, errors: number): Figures {
  return { saves: samples.length, bulk, errors, p50: percentile(samples, 50), p99: percentile(samples, 99), max: Math.max(...samples) };
}

// Saves one after another until `until` says stop; each one timed from the call to its commit.
async function saveLoop(admin: Actor, people: Person[], until: (count: number) => Promise<boolean>, state: { next: number; deactivated: number }): Promise<Figures> {
  const samples: number[] = [];
  let bulk = 0;
  let errors = 0;
  while (!(await until(samples.length))) {
    const i = samples.length;
    const started = performance.now();
    try {
      if (i % BULK_EVERY === BULK_EVERY - 1) {
        const batch = people.slice(state.deactivated, state.deactivated + BULK);
        state.deactivated += batch.length;
        await runAs(admin, () => setUsersActive(batch.map((p) => p.id), false));
        bulk++;
      } else {
        const person = people[people.length - 1 - (state.next++ % (people.length / 2))];
        await runAs(admin, () => updateUser(person.id, { userName: person.userName, email: person.email, firstName: "Load", lastName: "User", title: `Title ${i}` }));
      }
    } catch (error) {
      errors++;
      console.error(`  save ${i} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    samples.push(performance.now() - started);
    await sleep(PAUSE_MS);
  }
  return figures(samples, bulk, errors);
}

async function main() {
  const standIn = await startStandInProcess({ latencyMs: 20 });
  try {
    const admin = await makeAdmin("admin");
    const seeded = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token, patch: true });
    // Raised pacing (the worker runs flat out, writing as often as it can) and a brake that lets the
    // admin's bulk deactivations of 25 through: this measures contention, not those features.
    const app = await db.app.update({ where: { id: seeded.id }, data: { rateLimitPerMinute: 600_000, rateLimitBurst: 10_000, maxConcurrency: 32, brakeMinimum: 1_000 } });
    const people = await insertUsers(USERS, "lat");
    const group = await seedGroup([]);
    for (let i = 0; i < people.length; i += 500) await db.groupMember.createMany({ data: people.slice(i, i + 500).map((u) => ({ groupId: group.id, userId: u.id })) });
    const worker = await startWorkerProcess({ WORKER_APP_IDS: app.id, WORKER_CONCURRENCY: "32" });
    let result: Omit<AdminLatencyResult, "workerPeakRssMb"> | undefined;
    try {
      const state = { next: 0, deactivated: 0 };
      // Baseline: the same kind of saves while the worker polls an empty queue (the group grants nothing yet).
      const baseline = await saveLoop(admin, people, async (n) => n >= BASELINE_SAVES, state);
      const started = performance.now();
      await grant(admin, app.id, group.id);
      const open = () => db.provisioningJob.count({ where: { appId: app.id, status: { in: ["queued", "running"] } } });
      const underLoad = await saveLoop(admin, people, async () => (await open()) === 0, state);
      const pushSeconds = (performance.now() - started) / 1000;
      result = { users: USERS, baseline, underLoad, pushSeconds, deactivated: state.deactivated };
    } finally {
      const { peakRssMb } = await worker.stop();
      if (result) console.log(`RESULT ${JSON.stringify({ ...result, workerPeakRssMb: peakRssMb })}`);
    }
  } finally {
    await standIn.stop();
    await db.$disconnect();
  }
}

await main();
