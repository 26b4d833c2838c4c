import { addPolicyInUi, createOperator, expect, fillScimApp, scimStandInForFile, seedGroup, seedUser, signIn, test, testDb, unique } from "./fixtures";

// The console's in-process worker (started by instrumentation.ts) pushes to this stand-in; the test
// only drives the UI and watches what the stand-in received.
const { scim, remoteUser } = scimStandInForFile();

test("admin connects a SCIM app and grants it to a group; joining, editing and leaving reach the app, and the user's page shows the account", async ({
  page,
  loginAs,
  browser,
}) => {
  await loginAs("admin");
  const tag = unique("prov").toLowerCase();
  const appName = `Stand-in ${tag}`;
  const group = await seedGroup(`Group ${tag}`);
  const user = await seedUser({ userName: `${tag}.user`, firstName: "Lin" });

  // Connect the app through the UI.
  await page.goto("/apps/new");
  await fillScimApp(page, { name: appName, baseUrl: scim().baseUrl, token: scim().token });
  await expect(page.getByRole("heading", { name: appName, level: 1 })).toBeVisible();
  await expect(page.getByTestId("app-health")).toHaveText("Connected");

  // Grant it to the (still empty) group: preview, then save.
  await addPolicyInUi(page, { appName, search: tag, groupName: group.name, policyName: `Policy ${tag}` });

  // Joining the group creates the account in the app.
  await page.goto(`/groups/${group.id}`);
  await page.getByRole("button", { name: "Add members" }).click();
  const addDialog = page.getByRole("dialog", { name: `Add members to ${group.name}` });
  await addDialog.getByLabel("Search users to add").fill(user.userName);
  await addDialog.getByRole("checkbox", { name: new RegExp(`\\(${user.userName.replace(/\./g, "\\.")}\\)`) }).check();
  await addDialog.getByRole("button", { name: "Add selected (1)" }).click();
  await expect(page.getByText(`Added 1 member to ${group.name}.`)).toBeVisible();
  await expect.poll(() => remoteUser(user.userName)?.active, { timeout: 15_000 }).toBe(true);

  // Editing the title updates the account.
  await page.goto(`/users/${user.id}/edit`);
  await page.getByLabel("Title").fill("Staff Engineer");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`Saved ${user.userName}.`)).toBeVisible();
  await expect.poll(() => remoteUser(user.userName)?.title, { timeout: 15_000 }).toBe("Staff Engineer");

  // Leaving the group deactivates the account.
  await page.goto(`/groups/${group.id}`);
  const members = page.getByRole("table", { name: `Members of ${group.name}` });
  await members.getByRole("row", { name: new RegExp(user.userName) }).getByRole("checkbox").check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Remove from group" }).click();
  const confirm = page.getByRole("dialog", { name: `Remove 1 member from ${group.name}?` });
  await confirm.getByRole("button", { name: "Remove 1 member" }).click();
  await expect(page.getByText(`Removed 1 member from ${group.name}.`)).toBeVisible();
  await expect.poll(() => remoteUser(user.userName)?.active, { timeout: 15_000 }).toBe(false);
  const remoteId = remoteUser(user.userName)?.id ?? "";
  expect(remoteId).not.toBe("");

  // The user's page shows the account: deactivated, with the app's id for it; the admin may provision now.
  await page.goto(`/users/${user.id}`);
  const account = page.getByRole("list", { name: "App accounts" }).getByRole("listitem", { name: appName });
  await expect(account.getByRole("link", { name: appName })).toHaveAttribute("href", /\/apps\/.+/);
  await expect(account.getByText("deactivated", { exact: true })).toBeVisible();
  await expect(account).toContainText(remoteId);
  await expect(account.getByRole("button", { name: `Provision now in ${appName}` })).toBeVisible();
  const stored = await testDb().appAccount.findFirstOrThrow({ where: { userId: user.id, app: { name: appName } } });
  expect(stored).toMatchObject({ state: "deactivated", remoteId });

  // An auditor sees the same account, read-only.
  const auditor = await createOperator("auditor");
  const context = await browser.newContext();
  const auditorPage = await context.newPage();
  await signIn(auditorPage, auditor.email, auditor.password);
  await expect(auditorPage.getByTestId("current-role")).toBeVisible();
  await auditorPage.goto(`/users/${user.id}`);
  const seen = auditorPage.getByRole("list", { name: "App accounts" }).getByRole("listitem", { name: appName });
  await expect(seen.getByText("deactivated", { exact: true })).toBeVisible();
  await expect(seen.getByRole("button")).toHaveCount(0);
  await context.close();
});
