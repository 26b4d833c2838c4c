import { createOperator, expect, fillScimApp, scimStandInForFile, seedGroup, seedUser, signIn, test, testDb, unique } from "./fixtures";

// The console's in-process worker pushes to this stand-in once the request is approved.
const { scim, remoteUser } = scimStandInForFile();

test("admin adds an approval rule; a new member's account waits on the Approvals page until an approver approves it in the console", async ({ page, loginAs, browser }) => {
  await loginAs("admin");
  const tag = unique("appr").toLowerCase();
  const appName = `Approvals ${tag}`;
  const group = await seedGroup(`Group ${tag}`);
  const user = await seedUser({ userName: `${tag}.user`, firstName: "Ada" });

  await page.goto("/apps/new");
  await fillScimApp(page, { name: appName, baseUrl: scim().baseUrl, token: scim().token });
  await expect(page.getByRole("heading", { name: appName, level: 1 })).toBeVisible();
  const app = await testDb().app.findFirstOrThrow({ where: { name: appName } });
  await testDb().policy.create({ data: { name: `Policy ${tag}`, nameKey: `policy ${tag}`, appId: app.id, groups: { create: [{ groupId: group.id }] } } });

  // The rule form refuses a rule that could never apply, keeping the input.
  await page.goto(`/apps/${app.id}?tab=approvals`);
  await expect(page.getByText("No approval rules")).toBeVisible();
  const form = page.getByRole("form", { name: "Add approval rule" });
  await form.getByLabel("Slack channel").fill("#it-approvals");
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(form.getByText("Choose at least one operation or set an account threshold; otherwise the rule never applies.")).toBeVisible();
  await expect(form.getByLabel("Slack channel")).toHaveValue("#it-approvals");

  await form.getByRole("checkbox", { name: "Create accounts" }).check();
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByText("Approval rule added.")).toBeVisible();
  const rules = page.getByRole("table", { name: "Approval rules" });
  await expect(rules.getByRole("row", { name: /Create accounts/ })).toContainText("#it-approvals");

  // Joining the granted group: the account waits for approval instead of reaching the app.
  await page.goto(`/groups/${group.id}`);
  await page.getByRole("button", { name: "Add members" }).click();
  const addDialog = page.getByRole("dialog", { name: `Add members to ${group.name}` });
  await addDialog.getByLabel("Search users to add").fill(user.userName);
  await addDialog.getByRole("checkbox", { name: new RegExp(`\\(${user.userName.replace(/\./g, "\\.")}\\)`) }).check();
  await addDialog.getByRole("button", { name: "Add selected (1)" }).click();
  await expect(page.getByText(`Added 1 member to ${group.name}.`)).toBeVisible();

  const summary = `Create the account of ${user.userName} in ${appName}`;
  await page.goto("/approvals");
  const requests = page.getByRole("table", { name: "Approval requests" });
  await expect(requests.getByRole("link", { name: summary })).toBeVisible();
  const job = await testDb().provisioningJob.findFirstOrThrow({ where: { appId: app.id, subjectId: user.id } });
  expect(job.status).toBe("pending_approval");
  expect(remoteUser(user.userName)).toBeUndefined();

  // An approver opens the request, sees exactly what will happen, and approves it.
  const approver = await createOperator("approver");
  const context = await browser.newContext();
  const approverPage = await context.newPage();
  await signIn(approverPage, approver.email, approver.password);
  await expect(approverPage.getByTestId("current-role")).toBeVisible();
  await approverPage.goto("/approvals");
  await approverPage.getByRole("link", { name: summary }).click();
  await expect(approverPage.getByRole("heading", { name: summary, level: 1 })).toBeVisible();
  await expect(approverPage.getByRole("region", { name: "Users" })).toContainText(user.userName);
  await approverPage.getByRole("button", { name: `Approve: ${summary}` }).click();
  await expect(approverPage.getByText("Approved. The change is on its way to the app.")).toBeVisible();
  await expect.poll(() => remoteUser(user.userName)?.active, { timeout: 15_000 }).toBe(true);

  // The history names who decided.
  await approverPage.goto("/approvals?status=approved");
  await expect(approverPage.getByRole("table", { name: "Approval requests" }).getByRole("row", { name: new RegExp(summary) })).toContainText(`by ${approver.email}`);
  await context.close();
});

test("an approver denies a request after confirming, and nothing reaches the app; an auditor cannot decide", async ({ page, browser }) => {
  const tag = unique("deny").toLowerCase();
  const app = await testDb().app.create({ data: { name: `Deny ${tag}`, nameKey: `deny ${tag}`, kind: "scim", baseUrl: scim().baseUrl, health: "connected" } });
  const request = await testDb().approvalRequest.create({
    data: { appId: app.id, appName: app.name, summary: `Delete the account of ${tag} in ${app.name}`, operation: "delete", subjectCount: 1, requestedBy: "admin@example.test", expiresAt: new Date(Date.now() + 3_600_000) },
  });
  await testDb().provisioningJob.create({ data: { appId: app.id, subjectType: "user", subjectId: `missing-${tag}`, subjectLabel: tag, operation: "delete", status: "pending_approval", approvalId: request.id } });

  const auditor = await createOperator("auditor");
  const auditorContext = await browser.newContext();
  const auditorPage = await auditorContext.newPage();
  await signIn(auditorPage, auditor.email, auditor.password);
  await expect(auditorPage.getByTestId("current-role")).toBeVisible();
  await auditorPage.goto(`/approvals/${request.id}`);
  await expect(auditorPage.getByRole("heading", { name: request.summary, level: 1 })).toBeVisible();
  await expect(auditorPage.getByRole("button", { name: /Approve/ })).toHaveCount(0);
  await auditorContext.close();

  const approver = await createOperator("approver");
  await signIn(page, approver.email, approver.password);
  await expect(page.getByTestId("current-role")).toBeVisible();
  await page.goto(`/approvals?q=${tag}`);
  await page.getByRole("button", { name: `Deny: ${request.summary}` }).click();
  const confirm = page.getByRole("dialog", { name: "Deny this request?" });
  await expect(confirm).toContainText("will not happen");
  await confirm.getByRole("button", { name: "Deny request" }).click();
  await expect(page.getByText("Denied. The change will not be made.")).toBeVisible();
  await expect.poll(async () => (await testDb().provisioningJob.findFirstOrThrow({ where: { approvalId: request.id } })).status).toBe("cancelled");
  expect(await testDb().approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "denied", decidedBy: approver.email });
});
