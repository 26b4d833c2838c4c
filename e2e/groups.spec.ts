import type { Page } from "@playwright/test";
import { createOperator, expect, freshTotpCode, seedGroup, seedUser, test, testDb, unique } from "./fixtures";
import type { Role } from "../lib/permissions";

// Signs in through /login?next=/groups so the spec does not depend on the Users page.
async function openGroupsAs(page: Page, role: Role) {
  const operator = await createOperator(role);
  await page.goto("/groups");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(operator.email);
  await page.getByLabel("Password").fill(operator.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  if (operator.totpSecret) {
    // The second factor keeps the return path.
    await page.getByLabel("Code").fill(await freshTotpCode(operator.email, operator.totpSecret));
    await page.getByRole("button", { name: "Verify" }).click();
  }
  await expect(page.getByRole("heading", { name: "Groups", level: 1 })).toBeVisible();
  return operator;
}

test("admin creates a group, adds users in bulk, removes two, renames and deletes it", async ({ page }) => {
  await openGroupsAs(page, "admin");
  const tag = unique("gm").toLowerCase();
  const users = [];
  for (const n of ["1", "2", "3", "4"]) users.push(await seedUser({ userName: `${tag}-${n}`, lastName: `Member${n}` }));
  const name = unique("Engineering ");

  // The header's link (the empty state repeats it when there are no groups yet).
  await page.getByRole("link", { name: "Create Group" }).first().click();
  await expect(page.getByRole("heading", { name: "Create Group", level: 1 })).toBeVisible();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByLabel("Description").fill("Builds the product.\nOn call weekly.");
  await page.getByRole("button", { name: "Create Group" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByText("Group created.")).toBeVisible();
  await expect(page.getByTestId("group-member-count")).toHaveText("0 members");
  await expect(page.getByText("No members yet")).toBeVisible();

  // Add three of the four users found by one search.
  await page.getByRole("button", { name: "Add members" }).click();
  const dialog = page.getByRole("dialog", { name: `Add members to ${name}` });
  await dialog.getByLabel("Search users to add").fill(tag);
  await expect(dialog.getByRole("checkbox")).toHaveCount(4);
  for (const user of users.slice(0, 3)) await dialog.getByRole("checkbox", { name: new RegExp(`\\(${user.userName}\\)`) }).check();
  await expect(dialog.getByText("3 users selected.")).toBeVisible();
  await dialog.getByRole("button", { name: "Add selected (3)" }).click();
  await expect(page.getByText(`Added 3 members to ${name}.`)).toBeVisible();
  await expect(page.getByTestId("group-member-count")).toHaveText("3 members");
  const table = page.getByRole("table", { name: `Members of ${name}` });
  await expect(table.getByRole("link", { name: users[0].userName })).toHaveAttribute("href", `/users/${users[0].id}`);

  // Users already in the group are not offered again.
  await page.getByRole("button", { name: "Add members" }).click();
  await dialog.getByLabel("Search users to add").fill(tag);
  await expect(dialog.getByRole("checkbox")).toHaveCount(1);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Remove two members in bulk, with confirmation.
  for (const user of users.slice(0, 2)) await table.getByRole("row", { name: new RegExp(user.userName) }).getByRole("checkbox").check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Remove from group" }).click();
  const confirm = page.getByRole("dialog", { name: `Remove 2 members from ${name}?` });
  await expect(confirm).toContainText("The users stay in the directory but lose access granted through this group.");
  await confirm.getByRole("button", { name: "Remove 2 members" }).click();
  await expect(page.getByText(`Removed 2 members from ${name}.`)).toBeVisible();
  await expect(page.getByTestId("group-member-count")).toHaveText("1 member");
  await expect(table.getByRole("link")).toHaveText([users[2].userName]);
  const group = await testDb().group.findFirstOrThrow({ where: { name } });
  expect((await testDb().groupMember.findMany({ where: { groupId: group.id } })).map((m) => m.userId)).toEqual([users[2].id]);

  // Rename.
  const renamed = unique("Platform ");
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Edit ${name}`, level: 1 })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(name);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(renamed);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: renamed, level: 1 })).toBeVisible();

  // Delete from the list, after a confirmation that names what happens to the member.
  await page.goto(`/groups?q=${encodeURIComponent(renamed)}`);
  const row = page.getByRole("row", { name: new RegExp(renamed) });
  await expect(row.getByRole("cell", { name: "1", exact: true })).toBeVisible();
  await row.getByRole("button", { name: `Delete ${renamed}` }).click();
  const del = page.getByRole("dialog", { name: `Delete group ${renamed}?` });
  await expect(del).toContainText("Its 1 member stays in the directory but loses access granted through this group.");
  await del.getByRole("button", { name: "Delete group" }).click();
  await expect(page.getByText(`Group ${renamed} deleted.`)).toBeVisible();
  await expect(page.getByText(`No groups match “${renamed}”`)).toBeVisible();
  expect(await testDb().group.findUnique({ where: { id: group.id } })).toBeNull();
  expect(await testDb().user.count({ where: { id: { in: users.map((u) => u.id) } } })).toBe(4);
});

test("a duplicate group name (any case) shows the field error and keeps the input", async ({ page }) => {
  const existing = await seedGroup(unique("Finance "));
  await openGroupsAs(page, "admin");
  await page.goto("/groups/new");
  await expect(page.getByRole("heading", { name: "Create Group", level: 1 })).toBeVisible();
  const duplicate = existing.name.toUpperCase();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(duplicate);
  await page.getByLabel("Description").fill("Kept <b>as typed</b>");
  await page.getByRole("button", { name: "Create Group" }).click();
  await expect(page.getByText("A group with this name already exists.").first()).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(duplicate);
  await expect(page.getByLabel("Description")).toHaveValue("Kept <b>as typed</b>");
  await expect(page).toHaveURL(/\/groups\/new$/);
  expect(await testDb().group.count({ where: { nameKey: existing.nameKey } })).toBe(1);
});

test("an auditor reads groups and members but sees no way to change them", async ({ page }) => {
  const group = await seedGroup(unique("Readonly "));
  const user = await seedUser();
  await testDb().groupMember.create({ data: { groupId: group.id, userId: user.id } });
  await openGroupsAs(page, "auditor");
  await expect(page.getByRole("link", { name: "Create Group" })).toHaveCount(0);
  await page.getByLabel("Search groups by name").fill(group.name);
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByRole("table", { name: "Groups" }).getByRole("row")).toHaveCount(2);
  await page.getByRole("link", { name: group.name }).click();
  await expect(page.getByRole("heading", { name: group.name, level: 1 })).toBeVisible();
  await expect(page.getByTestId("group-member-count")).toHaveText("1 member");
  await expect(page.getByRole("link", { name: user.userName })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add members" })).toHaveCount(0);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Delete/ })).toHaveCount(0);
  await page.goto(`/groups/${group.id}/edit`);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
});

test("admin deletes a group from its own page and returns to the list", async ({ page }) => {
  const group = await seedGroup(unique("Shortlived "));
  await openGroupsAs(page, "admin");
  await page.goto(`/groups/${group.id}`);
  await page.getByRole("button", { name: `Delete ${group.name}` }).click();
  const del = page.getByRole("dialog", { name: `Delete group ${group.name}?` });
  await expect(del).toContainText("It has no members.");
  await del.getByRole("button", { name: "Delete group" }).click();
  await expect(page).toHaveURL(/\/groups$/);
  await expect(page.getByText(`Group ${group.name} deleted.`)).toBeVisible();
  await expect(page.getByRole("link", { name: group.name })).toHaveCount(0);
  expect(await testDb().group.findUnique({ where: { id: group.id } })).toBeNull();
});

test("admin sees the app accounts that adding members creates before confirming", async ({ page }) => {
  const group = await seedGroup(unique("Design "));
  const appName = unique("Wiki ");
  const app = await testDb().app.create({
    data: {
      name: appName,
      nameKey: appName.toLowerCase(),
      kind: "scim",
      baseUrl: "http://127.0.0.1:9/scim/v2",
      health: "connected",
      features: JSON.stringify({ createUsers: true, updateUsers: true, deactivateUsers: true, deleteUsers: false, pushGroups: false }),
    },
  });
  const policyName = unique("Wiki access ");
  await testDb().policy.create({ data: { name: policyName, nameKey: policyName.toLowerCase(), appId: app.id, groups: { create: [{ groupId: group.id }] } } });
  const tag = unique("imp").toLowerCase();
  const users = [await seedUser({ userName: `${tag}-1` }), await seedUser({ userName: `${tag}-2` })];

  await openGroupsAs(page, "admin");
  await page.goto(`/groups/${group.id}`);
  await page.getByRole("button", { name: "Add members" }).click();
  const dialog = page.getByRole("dialog", { name: `Add members to ${group.name}` });
  await dialog.getByLabel("Search users to add").fill(tag);
  await expect(dialog.getByRole("checkbox")).toHaveCount(2);
  await dialog.getByRole("checkbox", { name: new RegExp(`\\(${users[0].userName}\\)`) }).check();
  const impact = dialog.getByRole("region", { name: "Effect in apps" });
  await expect(impact).toContainText(`${appName}: 1 create`);
  await dialog.getByRole("checkbox", { name: new RegExp(`\\(${users[1].userName}\\)`) }).check();
  await expect(impact).toContainText(`${appName}: 2 creates`);
  await impact.getByText("Users: 2 creates").click();
  for (const user of users) await expect(impact.getByText(user.userName, { exact: true })).toBeVisible();
  // Nothing is queued until the admin confirms.
  expect(await testDb().provisioningJob.count({ where: { appId: app.id } })).toBe(0);

  await dialog.getByRole("button", { name: "Add selected (2)" }).click();
  await expect(page.getByText(`Added 2 members to ${group.name}.`)).toBeVisible();
  await expect.poll(() => testDb().provisioningJob.count({ where: { appId: app.id, operation: "create" } })).toBe(2);
});
