import { createOperator, expect, seedUser, signIn, test, testDb, unique } from "./fixtures";

// The CSV check below reads times back in UTC; pin the browser's zone so the typed time means the same.
test.use({ timezoneId: "UTC" });

test("an auditor reads the runbook from the sidebar and jumps to a section from its contents", async ({ page, loginAs }) => {
  await loginAs("auditor");
  await page.getByRole("link", { name: "Runbook" }).click();
  await expect(page.getByRole("heading", { name: "Runbook", level: 1 })).toBeVisible();
  await page.getByRole("navigation", { name: "Runbook contents" }).getByRole("link", { name: "Rate limiting" }).click();
  await expect(page).toHaveURL(/\/runbook#rate-limiting$/);
  await expect(page.locator("#rate-limiting")).toBeInViewport();
  await expect(page.getByText("Rows with HTTP 429")).toBeVisible();
});

test("an auditor asks who had access to an app at a moment, searches, and exports it as CSV", async ({ page, loginAs }) => {
  const db = testDb();
  const name = unique("Access App ");
  const app = await db.app.create({ data: { name, nameKey: name.toLowerCase(), kind: "scim", baseUrl: "https://scim.example.test/scim/v2", health: "connected" } });
  const kept = await seedUser({ firstName: "Keeper" });
  const left = await seedUser({ firstName: "Leaver" });
  const tricky = await seedUser({ firstName: "Formula" });
  const at = (day: number) => new Date(Date.UTC(2026, 0, day, 12));
  const event = (userId: string, userIdentifier: string, action: string, day: number) => ({
    appId: app.id, appName: app.name, userId, userIdentifier, action, outcome: "success", message: "seeded", at: at(day),
  });
  await db.provisioningEvent.createMany({
    data: [
      event(kept.id, kept.userName, "create", 1),
      event(left.id, left.userName, "create", 2),
      event(left.id, left.userName, "deactivate", 5),
      event(tricky.id, `=HYPERLINK("x")${tricky.userName}`, "create", 3),
    ],
  });

  await loginAs("auditor");
  await page.goto("/reports/access");
  await page.getByLabel("Application").selectOption({ label: name });
  await expect(page.getByText("Your time zone: UTC")).toBeVisible();
  await page.getByLabel("Point in time").fill("2026-01-04T12:00");
  await page.getByRole("button", { name: "Show access" }).click();
  const table = page.getByRole("table", { name: "Active accounts" });
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(table).toContainText(kept.userName);
  await expect(table).toContainText(left.userName);

  await page.getByLabel("Point in time").fill("2026-01-06T12:00");
  await page.getByRole("button", { name: "Show access" }).click();
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table).not.toContainText(left.userName);

  await page.getByLabel("Search user, email or name").fill("keeper");
  await expect(page).toHaveURL(/q=keeper/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await page.getByLabel("Search user, email or name").fill("");
  await expect(table.getByRole("row")).toHaveCount(3);

  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  const response = await page.request.get(href ?? "");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const csv = await response.text();
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("App,Active at (UTC),User identifier,Display name,Email,In directory,Active since (UTC),User id");
  expect(lines).toHaveLength(3);
  expect(csv).toContain(`,${kept.userName},`);
  expect(csv).toContain(`"'=HYPERLINK(""x"")${tricky.userName}"`);
  expect(csv).toContain("2026-01-06T12:00:00.000Z");

  const bad = await page.request.get(`/api/reports/access?app=${app.id}&at=not-a-time`);
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain("not a valid date and time");
});

test("an admin shortens retention after confirming; an auditor cannot open the setting", async ({ page, loginAs, browser }) => {
  await loginAs("admin");
  await page.goto("/settings/retention");
  const field = page.getByLabel("Keep provisioning events (days)");
  await field.fill("5");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Keep events at least 7 days.")).toBeVisible();

  const current = Number((await page.getByTestId("retention-current").textContent())?.match(/\d+/)?.[0]);
  const lower = Math.max(7, current - 1);
  await field.fill(String(lower));
  await page.getByRole("button", { name: "Save" }).click();
  const dialog = page.getByRole("dialog", { name: `Keep events only ${lower} days?` });
  await expect(dialog).toContainText(`deletes provisioning events older than ${lower} days`);
  await dialog.getByRole("button", { name: `Keep ${lower} days` }).click();
  await expect(page.getByTestId("retention-current")).toContainText(`${lower} days`);
  // Put the default back for other specs sharing the database.
  await field.fill("400");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("retention-current")).toContainText("400 days");

  const context = await browser.newContext();
  const other = await context.newPage();
  const auditor = await createOperator("auditor");
  await signIn(other, auditor.email, auditor.password);
  await expect(other.getByTestId("current-role")).toBeVisible();
  const response = await other.goto("/settings/retention");
  expect(response?.status()).toBe(403);
  await context.close();
});
