import { expect, fillScimApp, scimStandInForFile, seedGroup, seedUser, test, testDb, unique } from "./fixtures";

// The console's in-process worker pushes to this stand-in, which accepts only its own token: an app
// saved with another token gets 401 on its first job and is quarantined; the held job reaches the app
// once the token is fixed.
const { scim, remoteUser } = scimStandInForFile();

test("an app rejecting its token is quarantined with a banner; Resume re-checks it, fixing the token lets the held user through", async ({ page, loginAs }) => {
  await loginAs("admin");
  const tag = unique("quar").toLowerCase();
  const appName = `Quarantine ${tag}`;
  const group = await seedGroup(`Group ${tag}`);
  const user = await seedUser({ userName: `${tag}.user`, firstName: "Held" });

  // Connected with a token the app does not accept.
  await page.goto("/apps/new");
  await fillScimApp(page, { name: appName, baseUrl: scim().baseUrl, token: "a-token-the-app-rejects" });
  await expect(page.getByRole("heading", { name: appName, level: 1 })).toBeVisible();
  const app = await testDb().app.findFirstOrThrow({ where: { name: appName } });
  await testDb().policy.create({ data: { name: `Policy ${tag}`, nameKey: `policy ${tag}`, appId: app.id, enabled: true, groups: { create: [{ groupId: group.id }] } } });

  // Joining the group queues the account; the first attempt gets 401 and the app is quarantined.
  await page.goto(`/groups/${group.id}`);
  await page.getByRole("button", { name: "Add members" }).click();
  const addDialog = page.getByRole("dialog", { name: `Add members to ${group.name}` });
  await addDialog.getByLabel("Search users to add").fill(user.userName);
  await addDialog.getByRole("checkbox", { name: new RegExp(`\\(${user.userName.replace(/\./g, "\\.")}\\)`) }).check();
  await addDialog.getByRole("button", { name: "Add selected (1)" }).click();
  await expect(page.getByText(`Added 1 member to ${group.name}.`)).toBeVisible();
  await expect.poll(async () => (await testDb().app.findUniqueOrThrow({ where: { id: app.id } })).health, { timeout: 20_000 }).toBe("quarantined");

  await page.goto(`/apps/${app.id}`);
  const banner = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "Provisioning is paused: this app is quarantined" }) });
  await expect(banner).toContainText("rejected the credentials (HTTP 401)");
  await expect(banner).toContainText("1 job waiting in its queue");
  await expect(banner).not.toContainText("a-token-the-app-rejects");
  expect(remoteUser(user.userName)).toBeUndefined();

  // Resume asks first; with the token still wrong the job fails again and the app is quarantined again.
  await banner.getByRole("button", { name: "Resume" }).click();
  const dialog = page.getByRole("dialog", { name: "Resume provisioning to this app?" });
  await expect(dialog).toContainText("The 1 held job will be sent to the app now");
  await dialog.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByText("Resumed: 1 queued job will be sent to the app.")).toBeVisible();
  await expect.poll(() => testDb().auditLog.count({ where: { targetId: app.id, action: "app.quarantine" } }), { timeout: 20_000 }).toBe(2);
  expect((await testDb().provisioningJob.findMany({ where: { appId: app.id } })).map((j) => j.status)).toEqual(["queued"]);

  // Fixing the token (verified on save) resumes the app: the held user reaches it.
  await page.goto(`/apps/${app.id}?tab=settings`);
  await page.getByLabel("Replace token").fill(scim().token);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect.poll(() => remoteUser(user.userName)?.active, { timeout: 20_000 }).toBe(true);
  await page.goto(`/apps/${app.id}`);
  await expect(page.getByTestId("app-health")).toHaveText("Connected");
  await expect(page.getByTestId("quarantine-banner")).toHaveCount(0);
});
