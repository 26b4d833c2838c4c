import { randomInt } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { createOperator, expect, signIn, test, testDb, unique, type Operator } from "./fixtures";

// Every e2e browser reaches the console from 127.0.0.1 and the console trusts no proxy hop, so the
// whole run counts its failed sign-ins under this one client key (playwright.config.ts raises its limit).
const CLIENT_KEY = "client:127.0.0.1";
const E2E_CLIENT_LIMIT = 200; // SIGNIN_MAX_FAILURES_PER_IP in playwright.config.ts

/** A second browser (its own cookies) signed in as `operator`. */
async function signedInElsewhere(browser: Browser, operator: Operator) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, operator.email, operator.password, operator.totpSecret);
  await expect(page.getByTestId("current-role")).toBeVisible();
  return { context, page };
}

function sessionsTable(page: Page) {
  return page.getByRole("table", { name: "Sessions" });
}

test("a session cookie copied before sign-out is refused after it", async ({ page, browser, loginAs }) => {
  await loginAs("auditor");
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("console-session"));
  expect(cookie, "the session cookie").toBeDefined();
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  const thief = await browser.newContext();
  await thief.addCookies([cookie!]);
  const theirPage = await thief.newPage();
  await theirPage.goto("/users");
  await expect(theirPage).toHaveURL(/\/login/);
  await expect(theirPage.getByRole("heading", { name: "Sign in to Identity Console" })).toBeVisible();
  await thief.close();
});

test("Your account lists the sessions of two browsers, and Sign out everywhere else ends the other one", async ({ page, browser }) => {
  const operator = await createOperator("auditor");
  await signIn(page, operator.email, operator.password);
  await expect(page.getByTestId("current-role")).toBeVisible();
  const other = await signedInElsewhere(browser, operator);

  await page.goto("/account");
  const table = sessionsTable(page);
  // A header row and one row per browser; this one is marked.
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("row").filter({ hasText: "This browser" })).toHaveCount(1);
  await expect(table.getByRole("row").nth(1)).toContainText("127.0.0.1");
  await expect(table.getByRole("row").nth(1)).toContainText("Password");

  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  const dialog = page.getByRole("dialog", { name: "Sign out 1 other session?" });
  await expect(dialog).toContainText("Every other browser signed in as you (1 other session) is signed out now. This browser stays signed in.");
  await dialog.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Signed out 1 other session.")).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(page.getByText("You are signed in only in this browser.")).toBeVisible();

  await other.page.goto("/users");
  await expect(other.page).toHaveURL(/\/login/);
  // This browser is still signed in.
  await page.goto("/users");
  await expect(page.getByTestId("current-role")).toBeVisible();
  await other.context.close();
});

test("ending one session from Your account signs that browser out", async ({ page, browser }) => {
  const operator = await createOperator("approver");
  await signIn(page, operator.email, operator.password);
  await expect(page.getByTestId("current-role")).toBeVisible();
  const other = await signedInElsewhere(browser, operator);

  await page.goto("/account");
  // Only the other browser's row has an End button (this one's is Sign out).
  await sessionsTable(page).getByRole("button", { name: /^End session of .* from 127\.0\.0\.1$/ }).click();
  const dialog = page.getByRole("dialog", { name: "End this session?" });
  await expect(dialog).toContainText("from 127.0.0.1 is signed out now and must sign in again.");
  await dialog.getByRole("button", { name: "End session" }).click();
  await expect(dialog).toBeHidden();
  await expect(sessionsTable(page).getByRole("row")).toHaveCount(2);

  await other.page.goto("/users");
  await expect(other.page).toHaveURL(/\/login/);
  const [audit] = await testDb().auditLog.findMany({ where: { action: "session.ended", actorId: operator.id } });
  expect(JSON.parse(audit.after ?? "null")).toMatchObject({ ip: "127.0.0.1" });
  await other.context.close();
});

test("an admin ends another operator's sessions from Settings", async ({ page, browser, loginAs }) => {
  const operator = await createOperator("approver");
  const theirs = await signedInElsewhere(browser, operator);

  await loginAs("admin");
  await page.goto(`/settings?q=${encodeURIComponent(operator.email)}`);
  await page.getByRole("button", { name: `End sessions of ${operator.email}` }).click();
  const dialog = page.getByRole("dialog", { name: `End all sessions of ${operator.name}?` });
  await expect(dialog).toContainText(`Every browser signed in as ${operator.name} (${operator.email}) is signed out now and must sign in again.`);
  await dialog.getByRole("button", { name: "End sessions" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Ended 1 session of ${operator.name}.`)).toBeVisible();

  await theirs.page.goto("/users");
  await expect(theirs.page).toHaveURL(/\/login/);
  const audit = await testDb().auditLog.findMany({ where: { action: "admin.sessions.ended", targetId: operator.id } });
  expect(audit.map((a) => JSON.parse(a.after ?? "null"))).toEqual([{ count: 1 }]);
  // Nothing else changed: they sign in again with the same password.
  await signIn(theirs.page, operator.email, operator.password);
  await expect(theirs.page.getByTestId("current-role")).toHaveText("Approver");
  await theirs.context.close();
});

test("made-up X-Forwarded-For addresses do not escape the client throttle: every attempt counts against the real address", async ({ page }) => {
  const db = testDb();
  const before = await db.signInThrottle.findUnique({ where: { key: CLIENT_KEY } });
  const spoofed: string[] = [];
  // The real address is 3 failures short of its limit, so a handful of attempts shows where they count.
  await db.signInThrottle.upsert({
    where: { key: CLIENT_KEY },
    create: { key: CLIENT_KEY, failures: E2E_CLIENT_LIMIT - 3, updatedAt: new Date(), nextAllowedAt: new Date() },
    update: { failures: E2E_CLIENT_LIMIT - 3, updatedAt: new Date(), nextAllowedAt: new Date() },
  });
  try {
    const status = page.getByRole("status").filter({ hasText: /Email or password is incorrect\.|Too many failed attempts/ });
    let refusedAsWrong = 0;
    for (let attempt = 0; attempt < 12; attempt++) {
      // A new made-up client address and a new account every time: only the client key can throttle.
      const address = `${randomInt(1, 224)}.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
      spoofed.push(address);
      await page.setExtraHTTPHeaders({ "X-Forwarded-For": address });
      await signIn(page, `${unique("spoof")}@example.test`, "not-the-password");
      await expect(status).toBeVisible();
      if ((await status.textContent())?.includes("Too many failed attempts")) break;
      refusedAsWrong++;
    }
    await expect(status).toHaveText(/Too many failed attempts\. Wait \d+ seconds? and try again/);
    expect(refusedAsWrong).toBeGreaterThanOrEqual(3);
    const counted = await db.signInThrottle.findUniqueOrThrow({ where: { key: CLIENT_KEY } });
    expect(counted.failures).toBe(E2E_CLIENT_LIMIT - 3 + refusedAsWrong);
    expect(await db.signInThrottle.count({ where: { key: { in: spoofed.map((a) => `client:${a}`) } } })).toBe(0);
  } finally {
    // Later specs sign in from the same address: give it back the count it had.
    await page.setExtraHTTPHeaders({});
    if (before) {
      await db.signInThrottle.update({ where: { key: CLIENT_KEY }, data: { failures: before.failures, updatedAt: new Date(), nextAllowedAt: new Date() } });
    } else {
      await db.signInThrottle.deleteMany({ where: { key: CLIENT_KEY } });
    }
  }
});
