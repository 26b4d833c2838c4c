// The console-memory benchmark's measuring process (bench/console-memory.ts starts it with DATABASE_URL
// set, under the react-server condition so lib/ loads as in the console). The default set-up of
// `npm start`: one console process that also runs the worker. An admin grants an app to a group of
// BENCH_MEMORY_USERS users (default 10,000) in the browser (Policies > Add Policy, preview, save), so the
// preview, the enqueue transaction and the whole push all run in the console process; its peak RSS
// (VmHWM) is read before the grant (idle, after pages were served) and once every account is active.
// Prints one `RESULT {json}` line.
import { spawn, type ChildProcess } from "node:child_process";
import { chromium } from "@playwright/test";
import { db } from "@/lib/db";
import { seedApp, seedGroup } from "@/lib/provisioning/test-support";
import { insertUsers, makeAdmin } from "@/test/factories";
import { consoleProcessPid, peakRssMb, rssMb, startStandInProcess } from "./processes";
import { sleep, waitForActive } from "./converge";
import { sessionCookie, waitForHealth } from "./console-server";

const USERS = Number(process.env.BENCH_MEMORY_USERS ?? 10_000);
const PORT = Number(process.env.BENCH_MEMORY_PORT ?? 3210);
const AUTH_SECRET = "bench-auth-secret-not-for-production-0000";

/** What one run measured; bench/console-memory.ts turns it into the docs table. */
export type ConsoleMemoryResult = {
  users: number;
  active: number;
  idlePeakMb: number;
  peakMb: number;
  /** Highest RSS sampled (every 100 ms) while the save ran (preview excluded), and after it while the worker pushed. */
  savePeakMb: number;
  pushPeakMb: number;
  endRssMb: number;
  saveSeconds: number;
  convergeSeconds: number;
};

/** Samples a process's RSS every 100 ms; `take()` returns the highest since the last take. */
function sampleRss(pid: number) {
  let max = 0;
  const timer = setInterval(() => (max = Math.max(max, rssMb(pid))), 100);
  return {
    take: () => {
      const seen = Math.max(max, rssMb(pid));
      max = 0;
      return seen;
    },
    stop: () => clearInterval(timer),
  };
}

async function main() {
  const standIn = await startStandInProcess({ latencyMs: 20 });
  let server: ChildProcess | undefined;
  try {
    const admin = await makeAdmin("admin");
    const seeded = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token, patch: true });
    // The app takes any rate: the engine runs flat out, which is when it holds the most.
    const app = await db.app.update({ where: { id: seeded.id }, data: { rateLimitPerMinute: 600_000, rateLimitBurst: 10_000, maxConcurrency: 32 } });
    const users = await insertUsers(USERS, "mem");
    const group = await seedGroup([]);
    for (let i = 0; i < users.length; i += 500) await db.groupMember.createMany({ data: users.slice(i, i + 500).map((u) => ({ groupId: group.id, userId: u.id })) });

    server = spawn("node", ["scripts/start.mjs"], {
      // BENCH_CONSOLE_NODE_OPTIONS: the uncapped comparison run (a NODE_OPTIONS heap size wins over the default).
      env: { ...process.env, NODE_OPTIONS: process.env.BENCH_CONSOLE_NODE_OPTIONS ?? "", PORT: String(PORT), HOSTNAME: "127.0.0.1", AUTH_SECRET, AUTH_URL: `http://127.0.0.1:${PORT}` },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const base = `http://127.0.0.1:${PORT}`;
    await waitForHealth(base, server);
    const pid = consoleProcessPid(server.pid!);

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const context = await browser.newContext({ baseURL: base });
      await context.addCookies([{ ...(await sessionCookie(admin.id)), url: base }]);
      const page = await context.newPage();
      // Idle: the console has served its pages once and the worker polls an empty queue.
      await page.goto("/users");
      await page.goto("/policies/new");
      await sleep(3_000);
      const idlePeakMb = peakRssMb(pid);

      await page.getByLabel("Application").selectOption({ label: app.name });
      await page.getByLabel("Search groups").fill(group.name);
      await page.getByRole("checkbox", { name: new RegExp(group.name) }).check();
      await page.getByLabel("Policy name").fill(`Memory bench ${app.id}`);
      await page.getByRole("button", { name: "Preview impact" }).click();
      const save = page.getByRole("button", { name: "Save policy" });
      await save.waitFor({ state: "visible" });
      await page.waitForFunction(() => !(document.querySelector("button[type=submit]") as HTMLButtonElement | null)?.disabled, undefined, { timeout: 120_000 });
      const samples = sampleRss(pid);
      samples.take();
      const started = performance.now();
      await save.click();
      await page.getByText("Policy saved.").waitFor({ timeout: 300_000 });
      const saveSeconds = (performance.now() - started) / 1000;
      const savePeakMb = samples.take();
      const { active } = await waitForActive([app.id], USERS, 1_800_000);
      const convergeSeconds = (performance.now() - started) / 1000;
      const pushPeakMb = samples.take();
      samples.stop();
      const result: ConsoleMemoryResult = { users: USERS, active, idlePeakMb, peakMb: peakRssMb(pid), savePeakMb, pushPeakMb, endRssMb: rssMb(pid), saveSeconds, convergeSeconds };
      console.log(`RESULT ${JSON.stringify(result)}`);
    } finally {
      await browser.close();
    }
  } finally {
    server?.kill("SIGTERM");
    await standIn.stop();
    await db.$disconnect();
  }
}

await main();
