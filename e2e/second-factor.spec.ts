import type { Page } from "@playwright/test";
import { totpFor } from "../lib/operator-factors/totp-core";
import { createOperator, expect, freshTotpCode, signIn, test, testDb } from "./fixtures";

const SETTING_KEY = "signIn.secondFactorRequiredFor";
const WRONG_CODE = "That code is not right, or it was already used.";
const RECOVERY_CODE = /^[0-9a-z]{5}-[0-9a-z]{5}$/;

/** A 6-digit code that is not `code`. */
function otherThan(code: string): string {
  return String((Number(code) + 500_000) % 1_000_000).padStart(6, "0");
}

/** On a set-up screen: reads the key from its text fallback, types the app's current code, returns the key and the recovery codes shown. */
async function setUpAuthenticator(page: Page, email: string): Promise<{ secret: string; codes: string[] }> {
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code that adds Identity Console to your authenticator app" })).toBeVisible();
  await expect(page.getByText("Can't scan? Enter this key")).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // A wrong code first: refused, the set-up stays.
  await page.getByLabel("Code").fill(otherThan(totpFor(secret, email).generate()));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").filter({ hasText: "That code is not right." })).toBeVisible();
  await expect(page.getByLabel("Code")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Code").fill(totpFor(secret, email).generate());
  await page.getByRole("button", { name: "Confirm" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  await expect(page.getByText("They are shown only now")).toBeVisible();
  const codes = (await list.getByRole("listitem").allInnerTexts()).map((c) => c.trim());
  for (const code of codes) expect(code).toMatch(RECOVERY_CODE);
  return { secret, codes };
}

/** The password step, then a code typed on the second-factor page. */
async function signInWithCode(page: Page, email: string, password: string, code: string) {
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { name: "Second factor" })).toBeVisible();
  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

test("a new admin without a factor enrols an authenticator app right after the password, sees recovery codes once, and signs in with it next time", async ({ page }) => {
  test.setTimeout(120_000);
  const admin = await createOperator("admin", { totp: false });
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/enrol/);
  await expect(page.getByRole("heading", { name: "Set up a second factor" })).toBeVisible();

  // Nothing else opens until a factor is set up.
  await page.goto("/users");
  await expect(page).toHaveURL(/\/enrol/);
  await page.goto("/enrol?next=%2Fgroups");

  const { secret } = await setUpAuthenticator(page, admin.email);
  const stored = await testDb().admin.findUniqueOrThrow({ where: { id: admin.id } });
  expect(stored.totpEnabledAt).not.toBeNull();
  expect(stored.totpSecret).not.toContain(secret);
  expect(await testDb().recoveryCode.count({ where: { adminId: admin.id, usedAt: null } })).toBe(10);

  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/groups/);
  await expect(page.getByTestId("current-role")).toHaveText("Admin");
  await signOut(page);

  // Next time: password, then a code from the app (a later one than the set-up used).
  await signIn(page, admin.email, admin.password, secret);
  await expect(page.getByTestId("current-role")).toHaveText("Admin");
  const session = await testDb().operatorSession.findFirstOrThrow({ where: { adminId: admin.id }, orderBy: { createdAt: "desc" } });
  expect(session).toMatchObject({ stage: "active", method: "password+totp" });
});

test("a wrong code is refused with the message, and a code already used is refused in a new sign-in", async ({ page }) => {
  test.setTimeout(90_000);
  const admin = await createOperator("admin");
  const secret = admin.totpSecret!;
  const code = await freshTotpCode(admin.email, secret);

  await signInWithCode(page, admin.email, admin.password, otherThan(code));
  await expect(page.getByRole("status").filter({ hasText: WRONG_CODE })).toBeVisible();
  await expect(page).toHaveURL(/\/login\/second-factor/);

  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("current-role")).toHaveText("Admin");
  await signOut(page);

  // The same code again, still inside its 30-second window (give or take one step), in a new sign-in.
  await signInWithCode(page, admin.email, admin.password, code);
  await expect(page.getByRole("status").filter({ hasText: WRONG_CODE })).toBeVisible();
  await expect(page).toHaveURL(/\/login\/second-factor/);
  const failures = await testDb().auditLog.count({ where: { actorId: admin.id, action: "session.second-factor.failed" } });
  expect(failures).toBe(2);
});

test("a recovery code from Your account signs in once; the second use is refused", async ({ page, loginAs }) => {
  test.setTimeout(90_000);
  const approver = await loginAs("approver");
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Authenticator app" });
  await expect(section.getByText("Off", { exact: true })).toBeVisible();
  const { codes } = await setUpAuthenticator(page, approver.email);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(section.getByTestId("recovery-codes-left")).toHaveText("10 of 10 recovery codes unused");
  await signOut(page);

  await signInWithCode(page, approver.email, approver.password, codes[4].toUpperCase());
  await expect(page.getByTestId("current-role")).toHaveText("Approver");
  await page.goto("/account");
  await expect(page.getByTestId("recovery-codes-left")).toHaveText("9 of 10 recovery codes unused");
  await signOut(page);

  await signInWithCode(page, approver.email, approver.password, codes[4]);
  await expect(page.getByRole("status").filter({ hasText: WRONG_CODE })).toBeVisible();
  await expect(page).toHaveURL(/\/login\/second-factor/);
});

test("with the requirement set to Nobody, an admin without a factor signs straight in", async ({ page, browser, loginAs }) => {
  try {
    await loginAs("admin");
    await page.goto("/settings/sign-in");
    const form = page.getByRole("form", { name: "Second factor requirement" });
    const group = form.getByRole("group", { name: "Require a second factor for" });
    await expect(group.getByRole("radio", { name: /^Admins/ })).toBeChecked();
    await group.getByRole("radio", { name: /^Nobody/ }).check();
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("A second factor is now required for: Nobody.")).toBeVisible();
    await expect(page.getByText(/Last changed by/)).toBeVisible();

    const newcomer = await createOperator("admin", { totp: false });
    const theirs = await browser.newContext();
    const theirPage = await theirs.newPage();
    await signIn(theirPage, newcomer.email, newcomer.password);
    await expect(theirPage.getByTestId("current-role")).toHaveText("Admin");
    await expect(theirPage).toHaveURL(/\/users/);
    await theirs.close();

    await page.reload();
    await group.getByRole("radio", { name: /^Admins/ }).check();
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("A second factor is now required for: Admins.")).toBeVisible();
    const audit = await testDb().auditLog.findMany({ where: { action: "settings.second-factor.updated" }, orderBy: { at: "desc" }, take: 2 });
    expect(audit.map((a) => JSON.parse(a.after ?? "null").requirement)).toEqual(["admins", "nobody"]);
  } finally {
    // The specs share one database: whatever happened above, later tests see the default again.
    await testDb().setting.upsert({ where: { key: SETTING_KEY }, create: { key: SETTING_KEY, value: '"admins"' }, update: { value: '"admins"' } });
  }
});

test("an admin resets another operator's factors: their open session ends, their next sign-in asks for enrolment, and the audit log shows it", async ({ page, browser, loginAs }) => {
  const target = await createOperator("admin");
  const theirs = await browser.newContext();
  const theirPage = await theirs.newPage();
  await signIn(theirPage, target.email, target.password, target.totpSecret);
  await expect(theirPage.getByTestId("current-role")).toHaveText("Admin");

  const admin = await loginAs("admin");
  await page.goto(`/settings?q=${encodeURIComponent(target.email)}`);
  await page.getByRole("button", { name: `Reset second factor of ${target.email}` }).click();
  const dialog = page.getByRole("dialog", { name: `Reset the second factor of ${target.name}?` });
  await expect(dialog).toContainText(
    `Resetting ${target.name} (${target.email}) removes their authenticator app and signs them out everywhere; they set up a new factor at their next sign-in.`,
  );
  await dialog.getByRole("button", { name: "Reset second factor" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`The second factor of ${target.name} was reset; 1 session ended.`)).toBeVisible();

  await theirPage.reload();
  await expect(theirPage).toHaveURL(/\/login/);
  await signIn(theirPage, target.email, target.password);
  await expect(theirPage).toHaveURL(/\/enrol/);
  await expect(theirPage.getByRole("button", { name: "Set up authenticator app" })).toBeVisible();
  await theirs.close();

  await page.goto("/audit");
  const row = page.getByRole("table", { name: "Audit log" }).getByRole("row").filter({ hasText: "admin.factors.reset" }).filter({ hasText: target.email });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(admin.email);
});
