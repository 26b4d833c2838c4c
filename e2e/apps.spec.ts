import { expect, fillScimApp, scimStandInForFile, seedUser, test, testDb, unique } from "./fixtures";

const { scim } = scimStandInForFile();

test("admin connects a SCIM app, sets features and mapping, previews a payload, and a wrong token shows the 401 message", async ({ page, loginAs }) => {
  await loginAs("admin");
  const user = await seedUser({ userName: unique("Preview.User"), firstName: "Grace" });
  const name = unique("Stand-in ");

  await page.goto("/apps");
  await expect(page.getByRole("heading", { name: "Apps", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Add app" }).first().click();
  await expect(page.getByRole("heading", { name: "Add app", level: 1 })).toBeVisible();
  // Slack is the default kind and its SCIM URL is prefilled.
  await expect(page.getByLabel("SCIM base URL")).toHaveValue("https://api.slack.com/scim/v2");
  await fillScimApp(page, { name, baseUrl: scim().baseUrl, token: scim().token });

  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByTestId("app-health")).toHaveText("Connected");
  await expect(page.getByRole("list", { name: "Capability report" })).toContainText("PATCH: supported");
  await expect(page.getByText(`Set, ends in …${scim().token.slice(-4)}. Leave empty to keep it.`)).toBeVisible();
  expect(await page.content()).not.toContain(scim().token);
  // The server's HTML and React payload, not only the DOM.
  expect(await (await page.request.get(page.url())).text()).not.toContain(scim().token);
  const app = await testDb().app.findFirstOrThrow({ where: { nameKey: name.toLowerCase() } });
  expect(app.health).toBe("connected");

  // Provisioning features.
  const tabs = page.getByRole("navigation", { name: "App sections" });
  await tabs.getByRole("link", { name: "Provisioning" }).click();
  await page.getByLabel("Delete users").check();
  await page.getByLabel("Push groups").check();
  await page.getByLabel("Delete the account").check();
  await page.getByRole("button", { name: "Preview impact" }).click();
  await expect(page.getByRole("region", { name: "Impact preview" })).toHaveText("No accounts change.");
  await page.getByRole("button", { name: "Save provisioning features" }).click();
  await expect(page.getByText("Provisioning features saved.")).toBeVisible();
  await expect
    .poll(async () => (await testDb().app.findUniqueOrThrow({ where: { id: app.id } })).deprovisionMode)
    .toBe("delete");
  expect(JSON.parse((await testDb().app.findUniqueOrThrow({ where: { id: app.id } })).features)).toMatchObject({ deleteUsers: true, pushGroups: true });

  // Attribute mapping: a bad target is marked on its row; a custom extension path saves.
  await tabs.getByRole("link", { name: "Attribute mapping" }).click();
  const rules = page.getByRole("table", { name: "Attribute mapping rules" });
  await expect(rules.getByLabel("Row 1 SCIM attribute")).toHaveValue("userName");
  const rowCount = await rules.locator("tbody tr").count();
  await page.getByRole("button", { name: "Add row" }).click();
  await page.getByLabel(`Row ${rowCount + 1} console field`).fill("title");
  await page.getByLabel(`Row ${rowCount + 1} SCIM attribute`).fill("job title");
  await page.getByRole("button", { name: "Save mapping" }).click();
  await expect(page.getByText('"job title" is not a SCIM attribute path.', { exact: false }).first()).toBeVisible();
  await expect(page.getByLabel(`Row ${rowCount + 1} SCIM attribute`)).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel(`Row ${rowCount + 1} console field`).fill("customAttributes.costCenter");
  await page.getByLabel(`Row ${rowCount + 1} SCIM attribute`).fill("urn:acme:scim:schemas:extension:custom:2.0:User:costCenter");
  await page.getByRole("button", { name: "Save mapping" }).click();
  await expect(page.getByText("Attribute mapping saved.")).toBeVisible();
  await expect
    .poll(async () => (await testDb().app.findUniqueOrThrow({ where: { id: app.id } })).mapping)
    .toContain("urn:acme:scim:schemas:extension:custom:2.0:User:costCenter");

  // Payload preview for the seeded user.
  await page.getByLabel("Find a user").fill(user.userName);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("button", { name: new RegExp(`Preview .*${user.userName}`) }).click();
  const preview = page.getByTestId("payload-preview");
  await expect(preview).toContainText(`"userName": "${user.userName}"`);
  await expect(preview).toContainText(`"givenName": "Grace"`);
  await expect(preview).toContainText(`"value": "${user.email}"`);

  // A wrong token is verified at once and the app is no longer connected.
  await tabs.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Replace token").fill("wrong-token-0000");
  await page.getByRole("button", { name: "Save settings" }).click();
  const message = "The app rejected the credentials (HTTP 401). Check the token, then Verify Credentials again.";
  await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
  await expect(page.getByTestId("app-health")).toHaveText("Error");
  expect(await page.content()).not.toContain("wrong-token-0000");

  // Delete asks first and says the accounts stay in the app.
  await page.getByRole("button", { name: "Delete app" }).click();
  const confirm = page.getByRole("dialog", { name: `Delete app ${name}?` });
  await expect(confirm).toContainText("Its 0 linked accounts stay in the app; the console stops managing them.");
  await confirm.getByRole("button", { name: "Delete app" }).click();
  await expect(page.getByRole("heading", { name: "Apps", level: 1 })).toBeVisible();
  await expect.poll(() => testDb().app.count({ where: { id: app.id } })).toBe(0);
});

test("an auditor sees apps but cannot add, change or delete them", async ({ page, loginAs }) => {
  const app = await testDb().app.create({
    data: { name: unique("Readonly "), nameKey: unique("readonly").toLowerCase(), kind: "scim", baseUrl: "https://app.example.com/scim/v2" },
  });
  await loginAs("auditor");
  await page.goto("/apps");
  await expect(page.getByRole("link", { name: "Add app" })).toHaveCount(0);
  await page.goto(`/apps/${app.id}`);
  await expect(page.getByRole("heading", { name: app.name, level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Verify Credentials" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete app" })).toHaveCount(0);
  await expect(page.getByLabel("Name")).toBeDisabled();
});
