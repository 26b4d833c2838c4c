import fs from "node:fs";
import { expect, test, testDb, unique } from "./fixtures";

const DAY = 24 * 3_600_000;

/** Events for one end user in two apps over two weeks, plus someone else's, written as the worker writes them. */
async function seedEvents() {
  const db = testDb();
  const tag = unique("rep");
  const userName = `${tag}.ana`;
  const email = `ana.${tag}@example.test`;
  const [appA, appB] = [unique("Report app A "), unique("Report app B ")];
  const search = `${userName} ${email} ana lópez`.toLowerCase();
  const event = (appName: string, daysAgo: number, data: Partial<{ outcome: string; action: string; message: string; httpStatus: number; scimType: string; detail: string; userIdentifier: string; userSearch: string }>) =>
    db.provisioningEvent.create({
      data: { at: new Date(Date.now() - daysAgo * DAY), appName, userIdentifier: userName, userSearch: search, action: "create", outcome: "success", message: "Created", httpStatus: 201, durationMs: 42, causedBy: "admin@example.test", ...data },
    });
  const failed = await event(appA, 2, {
    outcome: "failed",
    httpStatus: 409,
    scimType: "uniqueness",
    message: "=cmd|' /C calc'!A0 userName already exists",
    detail: JSON.stringify({ changes: [{ path: "title", from: "Engineer", to: "Lead engineer" }] }),
  });
  const updated = await event(appA, 3, { action: "update", message: "Updated" });
  await event(appA, 10, { message: "Too old for 7 days" });
  await event(appB, 1, { message: "Other app" });
  await event(appA, 1, { userIdentifier: `${tag}.bo`, userSearch: `${tag}.bo bo@example.test`, message: "Other user" });
  return { tag, userName, email, appA, failed, updated };
}

test("an auditor filters by user, app and 7 days, opens a failed event and exports exactly those rows", async ({ page, loginAs }) => {
  const { userName, email, appA, failed, updated } = await seedEvents();
  await loginAs("auditor");
  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "Provisioning Report", level: 1 })).toBeVisible();

  // Part of the email, literally.
  await page.getByLabel("End user identifier").fill(email.slice(0, 12).toUpperCase());
  await page.getByLabel("Application name").selectOption([{ label: appA }]);
  await page.getByLabel("Timespan").selectOption("7d");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/span=7d/);
  await expect(page).toHaveURL(new RegExp(`app=${encodeURIComponent(appA).replace(/%20/g, "\\+")}`));

  const table = page.getByRole("table", { name: "Provisioning events" });
  await expect(table.getByRole("row")).toHaveCount(3); // header + the failed create + the update
  await expect(page.getByText("Showing 1–2 of 2")).toBeVisible();
  await expect(page.getByRole("img", { name: /Chart of 2 events/ })).toBeVisible();
  await expect(table.getByRole("row").nth(1)).toContainText("Failed");
  await expect(table.getByRole("row").nth(2)).toContainText("Update");
  await expect(table.getByRole("row").nth(1).locator("time")).toHaveAttribute("title", failed.at.toISOString());

  // The link reproduces the view.
  const reportUrl = page.url();
  await page.goto(reportUrl);
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(page.getByLabel("End user identifier")).toHaveValue(email.slice(0, 12).toUpperCase());

  // Export CSV: the same two rows, header first, UTC ISO times, the formula neutralised.
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloadPromise;
  const csv = fs.readFileSync(await download.path(), "utf8").trimEnd().split("\r\n");
  expect(csv[0]).toMatch(/^Time \(UTC\),Application,End user or group,/);
  expect(csv).toHaveLength(3);
  expect(csv[1]).toBe(`${failed.at.toISOString()},${appA},${userName},user,create,failed,409,uniqueness,'=cmd|' /C calc'!A0 userName already exists,42,1,admin@example.test,${failed.id}`);
  expect(csv[2]).toContain(`${updated.at.toISOString()},${appA},${userName},user,update,success`);

  // Row detail: the app's answer, what was sent, the cause, its runbook section, and no Retry for auditors.
  await table.getByRole("row").nth(1).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Create ${userName} in ${appA}`);
  await expect(page.getByText("uniqueness")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Lead engineer" })).toBeVisible();
  await expect(page.getByText(/already has an account with this userName or email/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Runbook: how to fix this" })).toHaveAttribute("href", "/runbook#conflicts");
  await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);
});

test("a hand-edited link with bad values says what it adjusted instead of failing", async ({ page, loginAs }) => {
  await loginAs("auditor");
  await page.goto("/reports?span=custom&from=2026-13-45&to=yesterday&status=exploded&user=%25");
  await expect(page.getByRole("status", { name: "Filters adjusted" })).toContainText("The custom range needs a valid start and end date and time; showing the last 24 hours.");
  await expect(page.getByRole("status", { name: "Filters adjusted" })).toContainText('Ignored unknown status "exploded".');
  await expect(page.getByLabel("Timespan")).toHaveValue("24h");
});
