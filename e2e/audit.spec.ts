import { expect, test, unique } from "./fixtures";

test("an operator change lands in the audit log and filtering by action narrows it", async ({ page, loginAs }) => {
  const admin = await loginAs("admin");
  await page.goto("/settings");
  const email = `${unique("audited")}@example.test`;
  await page.getByRole("button", { name: "Add admin" }).click();
  const dialog = page.getByRole("dialog", { name: "Add admin" });
  await dialog.getByLabel("Name").fill("Audited Person");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption("approver");
  await dialog.getByLabel("Type a password").check();
  await dialog.getByLabel(/^Password/).fill("a-long-typed-password");
  await dialog.getByRole("button", { name: "Add admin" }).click();
  await expect(dialog).toBeHidden();

  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Audit log" });
  const row = table.getByRole("row", { name: new RegExp(email) });
  await expect(row).toContainText("admin.create");
  await expect(row).toContainText(admin.email);
  await expect(row.locator("time")).toHaveAttribute("title", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  await row.locator("summary").click();
  await expect(row.getByText("role:")).toBeVisible();
  await expect(row.getByText("approver", { exact: true })).toBeVisible();
  await expect(row).not.toContainText("a-long-typed-password");

  // Make a second, different change by the same admin, then narrow by action.
  await page.goto(`/settings?q=${encodeURIComponent(email)}`);
  await page.getByRole("button", { name: `Disable ${email}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Disabled");

  await page.goto("/audit");
  await page.getByLabel("Actor").selectOption({ label: admin.email });
  await expect(page).toHaveURL(/actor=/);
  await expect(table.getByRole("row")).toHaveCount(4); // header + the admin's sign-in + two changes
  await expect(table.getByRole("row", { name: /session\.sign-in/ })).toContainText("password+totp");
  await page.getByLabel("Action").selectOption("admin.disable");
  await expect(page).toHaveURL(/action=admin\.disable/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row", { name: new RegExp(email) })).toContainText("admin.disable");

  await page.getByLabel("Time").selectOption("24h");
  await expect(page).toHaveURL(/range=24h/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/action=/);
});

test("an auditor can open the audit log but not Settings", async ({ page, loginAs }) => {
  await loginAs("auditor");
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Action")).toBeVisible();
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
});
