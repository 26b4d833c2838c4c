import type { Page } from "@playwright/test";
import { expect, fillScimApp, scimStandInForFile, seedGroup, seedUser, test, testDb, unique } from "./fixtures";

// The console's in-process worker and reconciliation loop talk to this stand-in; the test drives the UI
// and checks what the stand-in holds.
const { scim, remoteUser: remote } = scimStandInForFile();

async function connectApp(page: Page, name: string): Promise<string> {
  await page.goto("/apps/new");
  await fillScimApp(page, { name, baseUrl: scim().baseUrl, token: scim().token });
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const id = page.url().match(/\/apps\/([^/?]+)/)?.[1];
  expect(id).toBeTruthy();
  return id as string;
}

async function createPolicy(page: Page, appName: string, policyName: string, tag: string, groupNames: string[]) {
  await page.goto("/policies/new");
  await page.getByLabel("Application").selectOption({ label: appName });
  await page.getByLabel("Search groups").fill(tag);
  for (const name of groupNames) await page.getByRole("checkbox", { name: new RegExp(name) }).check();
  await page.getByLabel("Policy name").fill(policyName);
  await page.getByRole("button", { name: "Preview impact" }).click();
  await expect(page.getByRole("region", { name: "Impact preview" })).toBeVisible();
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Policy saved.")).toBeVisible();
}

test("removing a large group from a policy is held by the brake until an admin releases it; then the deactivations reach the app", async ({ page, loginAs }) => {
  await loginAs("admin");
  const tag = unique("brake").toLowerCase();
  const appName = `Brake ${tag}`;
  const big = await seedGroup(`Big ${tag}`);
  const small = await seedGroup(`Small ${tag}`);
  const users: Awaited<ReturnType<typeof seedUser>>[] = [];
  for (let i = 0; i < 12; i += 1) users.push(await seedUser({ userName: `${tag}.u${i}` }));
  await testDb().groupMember.createMany({ data: users.map((u) => ({ groupId: big.id, userId: u.id })) });

  const appId = await connectApp(page, appName);
  const policyName = `Policy ${tag}`;
  await createPolicy(page, appName, policyName, tag, [big.name, small.name]);
  await expect.poll(() => users.filter((u) => remote(u.userName)?.active === true).length, { timeout: 30_000 }).toBe(12);

  // The brake's settings: defaults shown; a bad value is refused and kept; a good one is saved.
  await page.goto(`/apps/${appId}?tab=provisioning`);
  const form = page.getByRole("form", { name: "Mass-change brake and reconciliation" });
  await expect(form.getByLabel("Hold big deprovisioning changes")).toBeChecked();
  await expect(form.getByLabel("Percent of accounts")).toHaveValue("20");
  await expect(form.getByLabel("Minimum number of accounts")).toHaveValue("10");
  await form.getByLabel("Reconciliation interval (hours)").fill("-3");
  await form.getByRole("button", { name: "Save brake and reconciliation" }).click();
  await expect(form.getByLabel("Reconciliation interval (hours)")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Reconciliation interval must be at least 0.")).toBeVisible();
  await expect(form.getByLabel("Reconciliation interval (hours)")).toHaveValue("-3");
  await form.getByLabel("Reconciliation interval (hours)").fill("12");
  await form.getByRole("button", { name: "Save brake and reconciliation" }).click();
  await expect(page.getByText("Brake and reconciliation settings saved.")).toBeVisible();

  // Take the big group out of the policy: 12 deactivations of 12 accounts is over the brake (at least 10).
  await page.goto(`/policies?q=${encodeURIComponent(tag)}`);
  await page.getByRole("link", { name: `Edit ${policyName}` }).click();
  await page.getByRole("checkbox", { name: new RegExp(big.name) }).uncheck();
  await page.getByRole("button", { name: "Preview impact" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Policy saved.")).toBeVisible();

  await page.goto(`/apps/${appId}`);
  const banner = page.getByRole("region", { name: "Held changes" });
  await expect(banner.getByText("Held by the mass-change brake: Deactivate 12 of 12 accounts")).toBeVisible();
  expect(users.every((u) => remote(u.userName)?.active === true)).toBe(true);

  // The affected users are listed (paged) on the hold's page.
  await banner.getByRole("link", { name: "See the affected users" }).click();
  const affected = page.getByRole("table", { name: "Affected users" });
  await expect(affected.getByRole("link", { name: new RegExp(`\\(${users[0].userName.replace(/\./g, "\\.")}\\)`) })).toBeVisible();
  await page.getByRole("link", { name: appName }).click();

  await banner.getByRole("button", { name: "Release" }).click();
  const confirm = page.getByRole("dialog", { name: "Release: Deactivate 12 of 12 accounts?" });
  await expect(confirm).toContainText(`The held 12 operations will be sent to ${appName}`);
  await confirm.getByRole("button", { name: "Release" }).click();
  await expect(page.getByText(`Released: deactivate 12 of 12 accounts is on its way to ${appName}.`)).toBeVisible();
  await expect(banner).toHaveCount(0);
  await expect.poll(() => users.filter((u) => remote(u.userName)?.active === false).length, { timeout: 30_000 }).toBe(12);
});

test("Sync now links an existing account and lists an ambiguous one, which the admin links", async ({ page, loginAs }) => {
  await loginAs("admin");
  const tag = unique("sync").toLowerCase();
  const appName = `Sync ${tag}`;
  const group = await seedGroup(`Team ${tag}`);
  const appId = await connectApp(page, appName);
  await createPolicy(page, appName, `Policy ${tag}`, tag, [group.name]);

  // People who already had accounts in the app before it was connected: no job has run for them.
  const linked = await seedUser({ userName: `${tag}.lee` });
  const twin = await seedUser({ userName: `${tag}.kim` });
  await testDb().groupMember.createMany({ data: [linked, twin].map((u) => ({ groupId: group.id, userId: u.id })) });
  const account = (userName: string, email: string) => ({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName,
    emails: [{ value: email, type: "work", primary: true }],
    name: { givenName: "Old", familyName: "Name" },
    active: true,
  });
  await scim().seedUser(account(linked.userName, linked.email));
  await scim().seedUser(account(`${tag}.kim.one`, twin.email));
  const chosen = await scim().seedUser(account(`${tag}.kim.two`, twin.email));

  await page.goto(`/apps/${appId}?tab=sync`);
  await expect(page.getByRole("heading", { name: "No conflicts" })).toBeVisible();
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByText(/Last run: .*1 linked.*1 conflict/)).toBeVisible({ timeout: 30_000 });
  // The linked account is brought in line with the directory (the worker repairs the drift).
  await expect.poll(() => remote(linked.userName)?.externalId, { timeout: 30_000 }).toBe(linked.id);

  const conflicts = page.getByRole("table", { name: "Sync conflicts" });
  const row = conflicts.getByRole("row", { name: new RegExp(twin.userName.replace(/\./g, "\\.")) });
  await expect(row).toContainText("2 accounts in the app have this email.");
  await row.getByRole("button", { name: `Link ${twin.userName}` }).click();
  const dialog = page.getByRole("dialog", { name: `Link ${twin.userName} to an existing account` });
  await dialog.getByRole("radio", { name: new RegExp(`${tag}\\.kim\\.two`) }).check();
  await dialog.getByRole("button", { name: "Link account" }).click();
  await expect(page.getByText(`Linked: ${twin.userName}.`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "No conflicts" })).toBeVisible();
  // The chosen account now carries the directory's userName; the other is left alone.
  await expect.poll(() => scim().users().find((u) => u.id === chosen.id)?.userName, { timeout: 30_000 }).toBe(twin.userName);
  expect(remote(`${tag}.kim.one`)).toBeTruthy();
  const audit = await testDb().auditLog.findFirst({ where: { action: "sync_conflict.link", targetId: appId } });
  expect(audit).not.toBeNull();
});
