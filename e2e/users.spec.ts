import type { Locator } from "@playwright/test";
import { createOperator, expect, seedGroup, seedUser, signIn, test, testDb, unique } from "./fixtures";

/** Clicks until `shows` appears: a click that lands before the page has hydrated does nothing. */
async function clickUntil(target: Locator, shows: Locator) {
  await expect(async () => {
    await target.click();
    await expect(shows).toBeVisible({ timeout: 1000 });
  }).toPass();
}

test("admin adds a user with a manager and custom attributes, edits, deactivates, reactivates and deletes it", async ({ page, loginAs }) => {
  await loginAs("admin");
  const manager = await seedUser({ firstName: "Maria", lastName: unique("Boss") });
  const userName = unique("ana.");
  const email = `${userName}@example.test`;

  await page.goto("/users");
  await page.getByRole("link", { name: "Add User" }).first().click();
  await expect(page.getByRole("heading", { name: "Add User" })).toBeVisible();
  await clickUntil(page.getByRole("button", { name: "Add attribute" }), page.getByLabel("Attribute 1 name"));
  await page.getByLabel("User name").fill(userName);
  await page.getByLabel("Primary email").fill(email);
  await page.getByLabel("First name").fill("Ana");
  await page.getByLabel("Last name").fill("López");
  await page.getByLabel("Title").fill("<script>alert(1)</script>");
  await page.getByLabel("Department").fill("Sales");
  await page.getByLabel("Find a manager").fill(manager.lastName);
  await page.getByLabel("Manager", { exact: true }).selectOption({ label: `${manager.displayName} (${manager.userName})` });
  await page.getByLabel("Attribute 1 name").fill("costCenter");
  await page.getByLabel("Attribute 1 value").fill("4711");
  await page.getByRole("button", { name: "Add user" }).click();

  await expect(page.getByRole("heading", { name: "Ana López" })).toBeVisible();
  await expect(page.getByText(`Added ${userName}.`)).toBeVisible();
  // HTML-looking input is shown as text, never run.
  await expect(page.getByText("<script>alert(1)</script>")).toBeVisible();
  await expect(page.getByRole("link", { name: `${manager.displayName} (${manager.userName})` })).toBeVisible();
  await expect(page.getByText("costCenter")).toBeVisible();
  await expect(page.getByText("4711")).toBeVisible();
  await expect(page.getByText("No app accounts yet. Accounts appear here once an app is connected")).toBeVisible();
  const stored = await testDb().user.findUniqueOrThrow({ where: { email } });
  expect(stored).toMatchObject({ userName, managerId: manager.id, title: "<script>alert(1)</script>" });
  expect(JSON.parse(stored.customAttributes)).toEqual({ costCenter: "4711" });

  await page.getByRole("link", { name: `Edit ${userName}` }).click();
  await expect(page.getByLabel("Department")).toHaveValue("Sales");
  await page.getByLabel("Department").fill("Support");
  await page.getByRole("button", { name: "Remove attribute 1" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`Saved ${userName}.`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Ana López" })).toBeVisible();
  await expect(page.getByText("Support")).toBeVisible();
  await expect(page.getByText("No custom attributes.")).toBeVisible();

  // Deactivate and reactivate from the list.
  await page.goto(`/users?q=${userName}`);
  const row = page.getByRole("row").filter({ hasText: email });
  const deactivate = page.getByRole("dialog", { name: `Deactivate ${userName}?` });
  await clickUntil(row.getByRole("button", { name: `Deactivate ${userName}` }), deactivate);
  await expect(deactivate).toContainText("stays in the directory");
  await expect(deactivate).toContainText("accounts in linked apps are deprovisioned as each app is set");
  await deactivate.getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByText("Deactivated")).toBeVisible();
  await expect.poll(async () => (await testDb().user.findUniqueOrThrow({ where: { email } })).active).toBe(false);
  await row.getByRole("button", { name: `Reactivate ${userName}` }).click();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await expect.poll(async () => (await testDb().user.findUniqueOrThrow({ where: { email } })).active).toBe(true);

  // Delete from the detail page, after confirming.
  await row.getByRole("link", { name: userName, exact: true }).click();
  await expect(page.getByRole("region", { name: "App accounts" })).toBeVisible();
  const confirm = page.getByRole("dialog", { name: `Delete ${userName}?` });
  await clickUntil(page.getByRole("button", { name: `Delete ${userName}` }), confirm);
  await expect(confirm).toContainText("removes them from all groups");
  await expect(confirm).toContainText("deprovisioned");
  await confirm.getByRole("button", { name: "Delete user" }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect.poll(() => testDb().user.count({ where: { email } })).toBe(0);
  expect(await testDb().auditLog.count({ where: { targetId: stored.id } })).toBe(5);
});

test("validation errors keep what was typed and mark the fields", async ({ page, loginAs }) => {
  await loginAs("admin");
  const existing = await seedUser();
  const userName = unique("typed.");

  await page.goto("/users/new");
  await clickUntil(page.getByRole("button", { name: "Add attribute" }), page.getByLabel("Attribute 1 name"));
  await page.getByLabel("User name").fill(userName);
  await page.getByLabel("Primary email").fill(existing.email.toUpperCase());
  await page.getByLabel("First name").fill("Kept");
  await page.getByLabel("Title").fill("Engineer");
  await page.getByLabel("Attribute 1 name").fill("floor");
  await page.getByLabel("Attribute 1 value").fill("3");
  await page.getByRole("button", { name: "Add user" }).click();

  await expect(page.getByText("Check the highlighted fields.")).toBeVisible();
  await expect(page.getByLabel("Last name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Last name is required.")).toBeVisible();
  await expect(page.getByLabel("User name")).toHaveValue(userName);
  await expect(page.getByLabel("Title")).toHaveValue("Engineer");
  await expect(page.getByLabel("Attribute 1 value")).toHaveValue("3");

  await page.getByLabel("Last name").fill("Person");
  await page.getByRole("button", { name: "Add user" }).click();
  const emailField = page.getByLabel("Primary email");
  await expect(emailField).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("A user with this email already exists.").first()).toBeVisible();
  await expect(page.getByLabel("Last name")).toHaveAttribute("aria-invalid", "false");
  await expect(emailField).toHaveValue(existing.email.toUpperCase());
  await expect(page.getByLabel("User name")).toHaveValue(userName);
  await expect(page.getByLabel("First name")).toHaveValue("Kept");
  await expect(page.getByLabel("Last name")).toHaveValue("Person");
  await expect(page.getByLabel("Title")).toHaveValue("Engineer");
  await expect(page.getByLabel("Attribute 1 name")).toHaveValue("floor");
  expect(await testDb().user.count({ where: { userNameKey: userName.toLowerCase() } })).toBe(0);
});

test("an auditor sees users read-only, and a forged create-user action from their session is refused", async ({ page, browser, loginAs, baseURL }) => {
  // As admin, learn the real "create user" request: its action id and body.
  await loginAs("admin");
  await page.goto("/users/new");
  await clickUntil(page.getByRole("button", { name: "Add attribute" }), page.getByLabel("Attribute 1 name"));
  const adminName = unique("captured.");
  await page.getByLabel("User name").fill(adminName);
  await page.getByLabel("Primary email").fill(`${adminName}@example.test`);
  await page.getByLabel("First name").fill("Cap");
  await page.getByLabel("Last name").fill("Tured");
  const requestPromise = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.getByRole("button", { name: "Add user" }).click();
  const captured = await requestPromise;
  await expect(page.getByRole("heading", { name: "Cap Tured" })).toBeVisible();
  const headers = await captured.allHeaders();
  const body = captured.postDataBuffer();
  expect(body).not.toBeNull();

  const auditor = await createOperator("auditor");
  const context = await browser.newContext({ baseURL });
  const auditorPage = await context.newPage();
  await signIn(auditorPage, auditor.email, auditor.password);
  await expect(auditorPage.getByTestId("current-role")).toHaveText("Auditor");

  const seeded = await seedUser();
  await auditorPage.goto(`/users?q=${seeded.userName}`);
  await expect(auditorPage.getByRole("link", { name: seeded.userName, exact: true })).toBeVisible();
  await expect(auditorPage.getByRole("link", { name: "Add User" })).toHaveCount(0);
  await expect(auditorPage.getByRole("link", { name: "Import CSV" })).toHaveCount(0);
  await expect(auditorPage.getByRole("checkbox")).toHaveCount(0);
  await expect(auditorPage.getByRole("button", { name: `Delete ${seeded.userName}` })).toHaveCount(0);
  await expect(auditorPage.getByRole("link", { name: `Edit ${seeded.userName}` })).toHaveCount(0);
  await auditorPage.getByRole("link", { name: seeded.userName, exact: true }).click();
  await expect(auditorPage.getByRole("heading", { name: seeded.displayName })).toBeVisible();
  await expect(auditorPage.getByRole("button", { name: `Delete ${seeded.userName}` })).toHaveCount(0);
  await auditorPage.goto("/users/new");
  await expect(auditorPage.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();

  // Replay the admin's request from the auditor's session, for a new user.
  const forgedName = unique("forged.");
  const forgedBody = Buffer.from(body!.toString("utf8").replaceAll(adminName, forgedName));
  const response = await context.request.post(captured.url(), {
    headers: {
      "next-action": headers["next-action"],
      "content-type": headers["content-type"],
      accept: headers["accept"] ?? "text/x-component",
      origin: new URL(captured.url()).origin,
    },
    data: forgedBody,
  });
  const text = await response.text();
  expect(text).toContain(forgedName);
  expect(text).toContain("You do not have permission to do this.");
  expect(await testDb().user.count({ where: { userNameKey: forgedName.toLowerCase() } })).toBe(0);
  expect(await testDb().user.count({ where: { email: `${forgedName}@example.test` } })).toBe(0);
  await context.close();
});

test("admin selects users and adds them to a group, filters by it, deactivates and deletes them in bulk", async ({ page, loginAs }) => {
  await loginAs("admin");
  const token = unique("bulk");
  const a = await seedUser({ userName: `${token}.a` });
  const b = await seedUser({ userName: `${token}.b` });
  const group = await seedGroup(unique("Bulk Group "));

  await page.goto(`/users?q=${token}`);
  await expect(page.getByRole("row")).toHaveCount(3);
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await clickUntil(page.getByRole("checkbox", { name: "Select all rows on this page" }), bar);
  await expect(bar).toContainText("2 selected");
  await bar.getByRole("button", { name: "Add to group" }).click();
  const dialog = page.getByRole("dialog", { name: "Add 2 users to a group" });
  await dialog.getByLabel("Group").selectOption({ label: group.name });
  await dialog.getByRole("button", { name: "Add to group" }).click();
  await expect(page.getByText(`Added 2 users to ${group.name}.`)).toBeVisible();
  await expect.poll(() => testDb().groupMember.count({ where: { groupId: group.id } })).toBe(2);

  await page.goto("/users");
  await expect(async () => {
    await page.getByLabel("Group", { exact: true }).selectOption({ label: group.name });
    await expect(page).toHaveURL(new RegExp(`group=${group.id}`), { timeout: 1000 });
  }).toPass();
  await expect(page.getByRole("row")).toHaveCount(3);

  await clickUntil(page.getByRole("checkbox", { name: "Select all rows on this page" }), bar);
  await bar.getByRole("button", { name: "Deactivate" }).click();
  await page.getByRole("dialog", { name: "Deactivate 2 users?" }).getByRole("button", { name: "Deactivate 2 users" }).click();
  await expect.poll(() => testDb().user.count({ where: { id: { in: [a.id, b.id] }, active: false } })).toBe(2);
  await page.getByLabel("Status").selectOption("deactivated");
  await expect(page).toHaveURL(/status=deactivated/);
  await expect(page.getByRole("row")).toHaveCount(3);

  await clickUntil(page.getByRole("checkbox", { name: "Select all rows on this page" }), bar);
  await bar.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete 2 users?" });
  await expect(confirm).toContainText("removes them from all groups");
  await confirm.getByRole("button", { name: "Delete 2 users" }).click();
  await expect(page.getByRole("heading", { name: "No users match" })).toBeVisible();
  expect(await testDb().user.count({ where: { id: { in: [a.id, b.id] } } })).toBe(0);
  expect(await testDb().groupMember.count({ where: { groupId: group.id } })).toBe(0);

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByLabel("Status")).toHaveValue("all");
});
