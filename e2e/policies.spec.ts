import { expect, seedGroup, seedUser, test, testDb, unique } from "./fixtures";

// An app row seeded directly: the Apps pages are covered by their own spec, and port 9 never answers,
// so nothing here depends on a SCIM peer.
async function seedApp(name: string) {
  return testDb().app.create({
    data: { name, nameKey: name.toLowerCase(), kind: "scim", baseUrl: "http://127.0.0.1:9/scim/v2", health: "connected" },
  });
}

test("admin adds a policy after previewing its impact, edits it, and deletes it after a confirmation", async ({ page, loginAs }) => {
  const tag = unique("pol").toLowerCase();
  const app = await seedApp(`App ${tag}`);
  const group = await seedGroup(`Group ${tag}`);
  const users = [await seedUser({ userName: `${tag}-1` }), await seedUser({ userName: `${tag}-2` })];
  await testDb().groupMember.createMany({ data: users.map((u) => ({ groupId: group.id, userId: u.id })) });
  const name = `Policy ${tag}`;

  await loginAs("admin");
  await page.goto("/policies");
  await page.getByRole("link", { name: "Add Policy" }).first().click();
  await expect(page.getByRole("heading", { name: "Add Policy", level: 1 })).toBeVisible();
  await page.getByLabel("Application").selectOption({ label: app.name });
  await page.getByLabel("Search groups").fill(tag);
  await page.getByRole("checkbox", { name: new RegExp(group.name) }).check();
  await expect(page.getByText("1 group selected.")).toBeVisible();
  await page.getByLabel("Policy name").fill(name);
  await page.getByLabel("Login method").selectOption("Password");

  // Save waits for a preview of exactly what will be saved.
  const save = page.getByRole("button", { name: "Save policy" });
  await expect(save).toBeDisabled();
  await page.getByRole("button", { name: "Preview impact" }).click();
  const preview = page.getByRole("region", { name: "Impact preview" });
  await expect(preview).toContainText(`${app.name}: 2 creates`);
  await preview.getByText("Users: 2 creates").click();
  await expect(preview.getByText(users[0].userName, { exact: true })).toBeVisible();
  await save.click();

  await expect(page.getByText("Policy saved.")).toBeVisible();
  await expect(page).toHaveURL(/\/policies$/);
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(app.name);
  await expect(row).toContainText(group.name);
  await expect(row).toContainText("Password");
  await expect(row).toContainText("Enabled");
  await expect(row.getByRole("link", { name: app.name })).toHaveAttribute("href", `/apps/${app.id}`);
  // The save queued one create job per member, as the preview said.
  await expect.poll(() => testDb().provisioningJob.count({ where: { appId: app.id, operation: "create" } })).toBe(2);

  // A second policy with the same name (other case) is refused at the preview, keeping the input.
  await page.goto("/policies/new");
  await page.getByLabel("Application").selectOption({ label: app.name });
  await page.getByRole("checkbox", { name: new RegExp(group.name) }).check();
  await page.getByLabel("Policy name").fill(name.toUpperCase());
  await page.getByRole("button", { name: "Preview impact" }).click();
  await expect(page.getByText("A policy with this name already exists.").first()).toBeVisible();
  await expect(page.getByLabel("Policy name")).toHaveValue(name.toUpperCase());
  await expect(page.getByLabel("Policy name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("button", { name: "Save policy" })).toBeDisabled();

  // Edit: rename and disable.
  const renamed = `Renamed ${tag}`;
  await page.goto(`/policies?q=${encodeURIComponent(tag)}`);
  await page.getByRole("link", { name: `Edit ${name}` }).click();
  await expect(page.getByRole("heading", { name: `Edit ${name}`, level: 1 })).toBeVisible();
  await expect(page.getByLabel("Policy name")).toHaveValue(name);
  await expect(page.getByRole("checkbox", { name: new RegExp(group.name) })).toBeChecked();
  await page.getByLabel("Policy name").fill(renamed);
  await page.getByLabel("Enabled").uncheck();
  await page.getByRole("button", { name: "Preview impact" }).click();
  await expect(page.getByRole("button", { name: "Save changes" })).toBeEnabled();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Policy saved.")).toBeVisible();
  const renamedRow = page.getByRole("row", { name: new RegExp(renamed) });
  await expect(renamedRow).toContainText("Disabled");

  // Delete, after a confirmation that says what the app loses.
  await renamedRow.getByRole("button", { name: `Delete ${renamed}` }).click();
  const confirm = page.getByRole("dialog", { name: `Delete policy ${renamed}?` });
  await expect(confirm).toContainText(`Members of its groups lose ${app.name} unless another policy grants it:`);
  await expect(confirm).toContainText("will be deactivated.");
  await confirm.getByRole("button", { name: "Delete policy" }).click();
  await expect(page.getByText(`Policy ${renamed} deleted.`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(renamed) })).toHaveCount(0);
  expect(await testDb().policy.count({ where: { appId: app.id } })).toBe(0);
});

test("auditors see policies but no way to change them", async ({ page, loginAs }) => {
  const tag = unique("pola").toLowerCase();
  const app = await seedApp(`App ${tag}`);
  const name = `Policy ${tag}`;
  await testDb().policy.create({ data: { name, nameKey: name.toLowerCase(), appId: app.id, loginMethod: "OIDC SSO" } });
  await loginAs("auditor");
  await page.goto(`/policies?q=${encodeURIComponent(tag)}`);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("OIDC SSO");
  await expect(page.getByRole("link", { name: "Add Policy" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Delete ${name}` })).toHaveCount(0);
  const response = await page.goto("/policies/new");
  expect(response?.status()).toBe(403);
});
