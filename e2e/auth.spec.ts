import { E2E_ADMIN } from "../playwright.config";
import { createOperator, expect, signIn, test, totpSecretOf } from "./fixtures";

test("signed-out visitors are redirected to the sign-in page", async ({ page }) => {
  await page.goto("/users?q=abc");
  await expect(page).toHaveURL(/\/login\?next=%2Fusers%3Fq%3Dabc/);
  await expect(page.getByRole("heading", { name: "Sign in to Identity Console" })).toBeVisible();
});

test("the first admin from ADMIN_EMAIL signs in and out", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, await totpSecretOf(E2E_ADMIN.email));
  await expect(page).toHaveURL(/\/users/);
  await expect(page.getByTestId("current-role")).toHaveText("Admin");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText([
    "Users",
    "Groups",
    "Apps",
    "Policies",
    "Approvals",
    "Provisioning Report",
    "Runbook",
    "Audit log",
    "Settings",
  ]);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/users");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password is refused and the email is kept", async ({ page }) => {
  const operator = await createOperator("admin");
  await signIn(page, operator.email, "not-the-password");
  await expect(page.getByRole("status").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(operator.email);
  await expect(page).toHaveURL(/\/login/);
});

test("repeated failures throttle the account with a clear message", async ({ page }) => {
  const operator = await createOperator("auditor");
  const outcome = page.getByRole("status").filter({ hasText: /Email or password is incorrect\.|Too many failed attempts/ });
  // Seven counted failures: the first five at once, the sixth and seventh each after the 1 s and 2 s
  // delays (an attempt during a delay is refused without being counted, so it is simply retried).
  for (let i = 0; i < 7; i++) {
    await expect(async () => {
      await signIn(page, operator.email, `wrong-${i}`);
      await expect(outcome).toBeVisible();
      expect(await outcome.textContent()).toBe("Email or password is incorrect.");
    }).toPass({ timeout: 20_000 });
  }
  // Now each attempt waits 4 s after the last: even the right password is refused until then.
  await signIn(page, operator.email, operator.password);
  await expect(outcome).toHaveText(/^Too many failed attempts\. Wait [1-4] seconds? and try again, or ask an admin to reset your password\.$/);
  await expect(page).toHaveURL(/\/login/);
  // Once the delay has passed, the right password signs in.
  await expect(async () => {
    await signIn(page, operator.email, operator.password);
    await expect(page.getByTestId("current-role")).toHaveText("Auditor", { timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
});

test("a disabled operator cannot sign in", async ({ page }) => {
  const operator = await createOperator("approver", { disabled: true });
  await signIn(page, operator.email, operator.password);
  await expect(page.getByText("This account is disabled. Ask an admin to enable it.")).toBeVisible();
});

test("an approver sees no admin-only navigation and gets 403 on Settings", async ({ page, loginAs }) => {
  await loginAs("approver");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
});
