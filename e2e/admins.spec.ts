import { E2E_ADMIN } from "../playwright.config";
import { createOperator, expect, signIn, test, testDb, totpSecretOf, unique } from "./fixtures";

test("an admin adds an auditor with a generated password, shown once, and the auditor signs in with it", async ({ page, loginAs }) => {
  await loginAs("admin");
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Admins" })).toHaveAttribute("aria-current", "page");

  const email = `${unique("invited")}@example.test`;
  const name = `Invited ${unique("")}`;
  await page.getByRole("button", { name: "Add admin" }).click();
  const dialog = page.getByRole("dialog", { name: "Add admin" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption("auditor");
  await expect(dialog.getByText("Reads reports and the audit log; changes nothing.")).toBeVisible();
  await expect(dialog.getByLabel("Generate a password")).toBeChecked();
  await dialog.getByRole("button", { name: "Add admin" }).click();

  const generated = dialog.getByLabel(`Generated password for ${name}`);
  await expect(generated).toHaveValue(/^[A-Za-z0-9]{20}$/);
  await expect(generated).toHaveAttribute("readonly", "");
  await expect(dialog.getByText("This password is shown only once.")).toBeVisible();
  const password = await generated.inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByLabel(`Generated password for ${name}`)).toHaveCount(0);

  const row = page.getByRole("row", { name: new RegExp(email) });
  await expect(row).toContainText("Auditor");
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Never");

  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, email, password);
  await expect(page.getByTestId("current-role")).toHaveText("Auditor");
});

test("a duplicate email is refused on the field and what was typed stays", async ({ page, loginAs }) => {
  const existing = await createOperator("approver");
  await loginAs("admin");
  await page.goto("/settings");
  await page.getByRole("button", { name: "Add admin" }).click();
  const dialog = page.getByRole("dialog", { name: "Add admin" });
  await dialog.getByLabel("Name").fill("Second Person");
  await dialog.getByLabel("Email").fill(existing.email.toUpperCase());
  await dialog.getByLabel("Role").selectOption("approver");
  await dialog.getByLabel("Type a password").check();
  await dialog.getByLabel(/^Password/).fill("a-long-typed-password");
  await dialog.getByRole("button", { name: "Add admin" }).click();
  await expect(dialog.getByText("An operator with this email already exists.").first()).toBeVisible();
  await expect(dialog.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByLabel("Name")).toHaveValue("Second Person");
  // The choices stay as they were, not back to the first option.
  await expect(dialog.getByLabel("Role")).toHaveValue("approver");
  await expect(dialog.getByLabel("Type a password")).toBeChecked();
  expect(await testDb().admin.count({ where: { email: existing.email } })).toBe(1);
});

test("an admin changes an operator's role and the operator's session ends", async ({ page, browser, loginAs }) => {
  const operator = await createOperator("approver");
  const theirs = await browser.newContext();
  const theirPage = await theirs.newPage();
  await signIn(theirPage, operator.email, operator.password);
  await expect(theirPage.getByTestId("current-role")).toHaveText("Approver");

  await loginAs("admin");
  await page.goto(`/settings?q=${encodeURIComponent(operator.email)}`);
  const row = page.getByRole("row", { name: new RegExp(operator.email) });
  await expect(row).toContainText("Approver");
  await row.getByRole("button", { name: `Change role of ${operator.email}` }).click();
  const dialog = page.getByRole("dialog", { name: `Change the role of ${operator.name}` });
  await expect(dialog.getByText("Their open sessions end")).toBeVisible();
  await dialog.getByLabel("Role").selectOption("auditor");
  await dialog.getByRole("button", { name: "Change role" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${operator.name} is now Auditor.`)).toBeVisible();
  await expect(row).toContainText("Auditor");
  const stored = await testDb().admin.findUniqueOrThrow({ where: { id: operator.id } });
  expect(stored).toMatchObject({ role: "auditor", sessionVersion: 2 });

  // Their next request finds the session ended; signing in again gives the new role.
  await theirPage.goto("/audit");
  await expect(theirPage).toHaveURL(/\/login/);
  await signIn(theirPage, operator.email, operator.password);
  await expect(theirPage.getByTestId("current-role")).toHaveText("Auditor");
  await theirs.close();
});

test("an admin disables an operator, who then cannot sign in", async ({ page, browser, loginAs }) => {
  const operator = await createOperator("approver");
  await loginAs("admin");
  await page.goto(`/settings?q=${encodeURIComponent(operator.email)}`);
  const row = page.getByRole("row", { name: new RegExp(operator.email) });
  await row.getByRole("button", { name: `Disable ${operator.email}` }).click();
  const dialog = page.getByRole("dialog", { name: `Disable ${operator.name}?` });
  await expect(dialog.getByText("can no longer sign in and their open sessions end now")).toBeVisible();
  await dialog.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("Disabled");
  await expect(row.getByRole("button", { name: `Enable ${operator.email}` })).toBeVisible();

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, operator.email, operator.password);
  await expect(otherPage.getByText("This account is disabled. Ask an admin to enable it.")).toBeVisible();
  await other.close();
});

test("the last active admin cannot demote or disable themself", async ({ page }) => {
  // Make E2E_ADMIN the only active admin for this test: every other admin in the e2e database
  // was made by a test and is put back afterwards. E2E_ADMIN itself is never disabled.
  const db = testDb();
  const others = await db.admin.findMany({ where: { role: "admin", disabled: false, NOT: { email: E2E_ADMIN.email } }, select: { id: true } });
  const ids = others.map((o) => o.id);
  await db.admin.updateMany({ where: { id: { in: ids } }, data: { disabled: true } });
  try {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, await totpSecretOf(E2E_ADMIN.email));
    await expect(page.getByTestId("current-role")).toHaveText("Admin");
    await page.goto(`/settings?q=${encodeURIComponent(E2E_ADMIN.email)}`);
    const row = page.getByRole("row", { name: new RegExp(E2E_ADMIN.email) });
    await expect(row).toContainText("(you)");

    await row.getByRole("button", { name: `Change role of ${E2E_ADMIN.email}` }).click();
    const roleDialog = page.getByRole("dialog");
    await roleDialog.getByLabel("Role").selectOption("auditor");
    await roleDialog.getByRole("button", { name: "Change role" }).click();
    await expect(roleDialog.getByText("At least one active admin must remain.")).toBeVisible();
    await roleDialog.getByRole("button", { name: "Cancel" }).click();

    await row.getByRole("button", { name: `Disable ${E2E_ADMIN.email}` }).click();
    const disableDialog = page.getByRole("dialog");
    await disableDialog.getByRole("button", { name: "Disable" }).click();
    await expect(disableDialog.getByText("At least one active admin must remain.")).toBeVisible();

    const stored = await db.admin.findUniqueOrThrow({ where: { email: E2E_ADMIN.email } });
    expect(stored).toMatchObject({ role: "admin", disabled: false });
  } finally {
    await db.admin.updateMany({ where: { id: { in: ids } }, data: { disabled: false } });
    await db.admin.update({ where: { email: E2E_ADMIN.email }, data: { role: "admin", disabled: false } });
  }
});
