import { readFile } from "node:fs/promises";
import { expect, test, testDb, unique } from "./fixtures";

const HEADER = "userName,email,firstName,lastName,displayName,title,department,phone,employeeNumber,managerUserName";

test("an admin uploads a CSV, sees the bad row in the preview, imports the valid rows and sees the summary", async ({ page, loginAs }) => {
  const admin = await loginAs("admin");
  const p = unique("imp");
  const content = [
    `${HEADER},custom.costCenter`,
    `${p}.lead,${p}.lead@example.test,Lena,Lead,,Head of Sales,Sales,,,,CC-1`,
    `${p}.bad,not-an-email,Bad,Row,,,,,,,`,
    `${p}.rep,${p}.rep@example.test,José,Müller,,,Sales,,,${p}.lead,CC-2`,
  ].join("\n");

  await page.goto("/users/import");
  await expect(page.getByRole("heading", { name: "Import users" })).toBeVisible();
  await page.getByLabel("CSV file").setInputFiles({ name: "team.csv", mimeType: "text/csv", buffer: Buffer.from(content) });
  await page.getByRole("button", { name: "Check file" }).click();

  await expect(page.getByTestId("preview-summary")).toHaveText("2 rows ready, 1 with errors");
  const errors = page.getByRole("table", { name: "Rows with errors" });
  await expect(errors.getByRole("row").filter({ hasText: `${p}.bad` })).toContainText("Enter a valid email address, like name@example.com.");
  await expect(errors.getByRole("row").filter({ hasText: `${p}.bad` }).getByRole("cell").first()).toHaveText("3");
  // Nothing is written by the preview.
  expect(await testDb().user.count({ where: { userNameKey: { startsWith: p } } })).toBe(0);

  await page.getByRole("button", { name: "Import 2 valid rows" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("Imported 2 users. 1 row skipped.");
  await expect(page.getByRole("table", { name: "Skipped rows" })).toContainText(`${p}.bad`);
  await expect(page.getByRole("link", { name: "Go to Users" })).toHaveAttribute("href", "/users");

  const users = await testDb().user.findMany({ where: { userNameKey: { startsWith: p } }, orderBy: { userNameKey: "asc" } });
  expect(users.map((u) => u.userName)).toEqual([`${p}.lead`, `${p}.rep`]);
  const [lead, rep] = users;
  expect(rep).toMatchObject({ firstName: "José", lastName: "Müller", managerId: lead.id, department: "Sales" });
  expect(JSON.parse(rep.customAttributes)).toEqual({ costCenter: "CC-2" });
  const audit = await testDb().auditLog.findFirstOrThrow({ where: { actorId: admin.id, action: "user.import" } });
  expect(JSON.parse(audit.after ?? "{}")).toEqual({ created: 2, skipped: 1, fileName: "team.csv" });
});

test("a file the import cannot read is refused next to the file input", async ({ page, loginAs }) => {
  await loginAs("admin");
  await page.goto("/users/import");
  await page.getByLabel("CSV file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from("userName,firstName\nana,Ana\n") });
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The file is missing the required columns email, lastName. Start from the template." })).toBeVisible();
  await expect(page.getByLabel("CSV file")).toHaveAttribute("aria-invalid", "true");
});

test("the template downloads with the documented header row", async ({ page, loginAs }) => {
  await loginAs("admin");
  await page.goto("/users/import");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download template" }).click()]);
  expect(download.suggestedFilename()).toBe("users-import-template.csv");
  const text = await readFile(await download.path(), "utf8");
  expect(text.split(/\r?\n/)[0]).toBe(HEADER);
  expect(text.split(/\r?\n/).filter(Boolean)).toHaveLength(2);
});

test("an auditor can neither open the import nor download the template", async ({ page, loginAs }) => {
  await loginAs("auditor");
  await page.goto("/users/import");
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  const response = await page.request.get("/users/import/template");
  expect(response.status()).toBe(403);
  expect(await response.json()).toEqual({ error: "You do not have permission to do this." });
});
