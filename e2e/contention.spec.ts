import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { addPolicyInUi, expect, fillScimApp, scimStandInForFile, seedGroup, test, testDb, unique } from "./fixtures";

// The scale-out set-up of the README: besides the console (and its in-process worker) a separate
// `npm run worker`-style process writes the same database while it pushes a large grant. On SQLite both
// share one writer; an admin's bulk Deactivate in the browser must still succeed.
const { scim, remoteUser } = scimStandInForFile();
const USERS = 1_500;

function startWorker(appId: string): ChildProcess {
  const root = path.resolve(__dirname, "..");
  return spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "test/worker/worker-process.ts")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, CREDENTIALS_ENCRYPTION_KEY: "ZTJlLWtleS1lMmUta2V5LWUyZS1rZXktZTJlLWtleQ", WORKER_APP_IDS: appId },
    stdio: "ignore",
  });
}

test("admin deactivates 25 users in bulk while a worker process pushes a 1,500-user grant; the change commits and reaches the app", async ({ page, loginAs }) => {
  test.setTimeout(240_000);
  await loginAs("admin");
  const tag = unique("busy").toLowerCase();
  const appName = `Busy ${tag}`;
  await page.goto("/apps/new");
  await fillScimApp(page, { name: appName, baseUrl: scim().baseUrl, token: scim().token });
  await expect(page.getByRole("heading", { name: appName, level: 1 })).toBeVisible();
  const db = testDb();
  const app = await db.app.findFirstOrThrow({ where: { name: appName } });
  // About 50 accounts a second, so the push lasts half a minute; a brake that lets 25 deactivations through.
  await db.app.update({ where: { id: app.id }, data: { rateLimitPerMinute: 3_000, rateLimitBurst: 50, maxConcurrency: 8, brakeMinimum: 100 } });

  const group = await seedGroup(`Group ${tag}`);
  const rows = Array.from({ length: USERS }, (_, i) => {
    const userName = `${tag}-${String(i).padStart(4, "0")}`;
    return { userName, userNameKey: userName, email: `${userName}@example.test`, firstName: "Busy", lastName: `User ${i}`, displayName: `Busy User ${i}`, active: true, searchText: `${userName} ${userName}@example.test` };
  });
  for (let i = 0; i < rows.length; i += 500) await db.user.createMany({ data: rows.slice(i, i + 500) });
  const users = await db.user.findMany({ where: { userName: { startsWith: `${tag}-` } }, select: { id: true, userName: true }, orderBy: { userName: "asc" } });
  for (let i = 0; i < users.length; i += 500) await db.groupMember.createMany({ data: users.slice(i, i + 500).map((u) => ({ groupId: group.id, userId: u.id })) });

  const worker = startWorker(app.id);
  try {
    // The grant, as an admin makes it: its 1,500 jobs are queued in the save's transaction.
    await addPolicyInUi(page, { appName, search: tag, groupName: group.name, policyName: `Policy ${tag}`, expectImpact: "1,500 creates" });
    const open = () => db.provisioningJob.count({ where: { appId: app.id, status: { in: ["queued", "running"] } } });
    await expect.poll(() => scim().users().length, { timeout: 30_000 }).toBeGreaterThan(20);

    // The last 25 users by name (the list's first page, sorted descending), deactivated in bulk mid-push.
    await page.goto(`/users?q=${tag}&sort=userName&dir=desc`);
    const bar = page.getByRole("region", { name: "Bulk actions" });
    await expect(async () => {
      await page.getByRole("checkbox", { name: "Select all rows on this page" }).click();
      await expect(bar).toContainText("25 selected", { timeout: 1000 });
    }).toPass();
    await bar.getByRole("button", { name: "Deactivate" }).click();
    expect(await open()).toBeGreaterThan(0);
    await page.getByRole("dialog", { name: "Deactivate 25 users?" }).getByRole("button", { name: "Deactivate 25 users" }).click();
    await expect(page.getByText("Deactivated 25 users.")).toBeVisible();
    await expect(page.getByText("Something went wrong")).toHaveCount(0);
    // The save landed while the push was still running.
    expect(await open()).toBeGreaterThan(0);
    const deactivated = users.slice(-25);
    expect(await db.user.count({ where: { id: { in: deactivated.map((u) => u.id) }, active: false } })).toBe(25);

    // Once the push is over the app holds every other user, active, and none of the 25 active.
    await expect.poll(open, { timeout: 180_000 }).toBe(0);
    for (const user of deactivated) expect(remoteUser(user.userName)?.active ?? false).toBe(false);
    expect(scim().users().filter((u) => u.active === true && String(u.userName).startsWith(`${tag}-`))).toHaveLength(USERS - 25);
  } finally {
    worker.kill("SIGTERM");
  }
});

// When the one writer stays busy past the wait budget (8 s), the save is refused with a sentence that
// says nothing changed, and the form keeps what was typed. Another process holds SQLite's write lock
// here; PostgreSQL has no such single lock, so this runs in the SQLite lane only.
test("a save refused because the directory stays busy says so, keeps the form, and works once it is free", async ({ page, loginAs }) => {
  test.skip(!process.env.E2E_DATABASE_URL?.startsWith("file:"), "SQLite lane only: PostgreSQL has no database-wide write lock");
  test.setTimeout(120_000);
  await loginAs("admin");
  const db = testDb();
  const userName = unique("held.").toLowerCase();
  const user = await db.user.create({ data: { userName, userNameKey: userName, email: `${userName}@example.test`, firstName: "Held", lastName: "Lock", displayName: "Held Lock", active: true, searchText: userName } });
  await page.goto(`/users/${user.id}/edit`);
  await page.getByLabel("Title").fill("Typed while busy");

  // Another process's transaction writes, then keeps the lock for 12 s.
  let locked = () => {};
  const holding = new Promise<void>((resolve) => (locked = resolve));
  const held = db.$transaction(
    async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { department: "Held" } });
      locked();
      await new Promise((resolve) => setTimeout(resolve, 12_000));
    },
    { timeout: 30_000 },
  );
  await holding;
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("The directory is busy; nothing was changed. Try again in a moment.")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByLabel("Title")).toHaveValue("Typed while busy");
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
  await held;
  expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).title).toBeNull();

  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`Saved ${userName}.`)).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).title).toBe("Typed while busy");
});
