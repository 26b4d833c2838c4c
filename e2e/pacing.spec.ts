import { expect, test, testDb, unique } from "./fixtures";

// Pacing on the app page: the queue summary's ETA follows the app's effective rate, the form validates
// and saves (blank = the kind's default), and an auditor sees it read-only.
async function slackAppWithQueue(jobs: number) {
  const name = unique("Paced Slack ");
  const app = await testDb().app.create({
    data: { name, nameKey: name.toLowerCase(), kind: "slack", baseUrl: "https://api.slack.com/scim/v2", health: "unverified" },
  });
  // Not due for a day, so the console's worker leaves them alone while the page is looked at.
  const later = new Date(Date.now() + 24 * 3600_000);
  await testDb().provisioningJob.createMany({
    data: Array.from({ length: jobs }, (_, i) => ({ appId: app.id, subjectType: "user", subjectId: `paced-${app.id}-${i}`, subjectLabel: `paced${i}`, operation: "create", nextAttemptAt: later })),
  });
  return app;
}

test("an admin sees the queue's ETA at Slack's default pace, gets a clear error for a bad rate, and a faster rate shortens the ETA", async ({ page, loginAs }) => {
  await loginAs("admin");
  const app = await slackAppWithQueue(1_200);
  await page.goto(`/apps/${app.id}?tab=provisioning`);
  const queue = page.getByRole("region", { name: "Provisioning queue" });
  await expect(queue).toContainText(`${app.name}: 1,200 queued, about 7 min`);
  await expect(queue).toContainText("at 180 writes a minute");

  const form = page.getByRole("form", { name: "Pacing" });
  const perMinute = form.getByLabel("Writes per minute");
  await perMinute.fill("0");
  await form.getByRole("button", { name: "Save pacing" }).click();
  await expect(perMinute).toHaveAttribute("aria-invalid", "true");
  await expect(form).toContainText("Writes per minute must be at least 1.");
  await expect(perMinute).toHaveValue("0");
  expect((await testDb().app.findUniqueOrThrow({ where: { id: app.id } })).rateLimitPerMinute).toBeNull();

  await perMinute.fill("1,800");
  await form.getByLabel("Burst").fill("200");
  await form.getByRole("button", { name: "Save pacing" }).click();
  await expect(page.getByText("Pacing saved; the worker applies it from its next claim.")).toBeVisible();
  await expect(queue).toContainText("1,200 queued, under a minute");
  await expect(queue).toContainText("at 1,800 writes a minute");
  await expect.poll(async () => (await testDb().app.findUniqueOrThrow({ where: { id: app.id } })).rateLimitPerMinute).toBe(1800);
  expect(await testDb().auditLog.count({ where: { targetId: app.id, action: "app.pacing.update" } })).toBe(1);
});

test("an auditor sees pacing read-only", async ({ page, loginAs }) => {
  await loginAs("auditor");
  const app = await slackAppWithQueue(3);
  await page.goto(`/apps/${app.id}?tab=provisioning`);
  const form = page.getByRole("form", { name: "Pacing" });
  await expect(form.getByLabel("Writes per minute")).toBeDisabled();
  await expect(form.getByRole("button", { name: "Save pacing" })).toHaveCount(0);
});
