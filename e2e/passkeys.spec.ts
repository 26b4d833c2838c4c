import type { CDPSession, Page } from "@playwright/test";
import { createOperator, expect, signIn, test, testDb } from "./fixtures";

// WebAuthn refuses IP addresses as RP IDs: browse at localhost. The console is configured with
// AUTH_URL=http://127.0.0.1:<port>, so it takes the RP ID from the request's host instead.
const port = Number(process.env.E2E_PORT ?? 3100);
const CONSOLE = `http://localhost:${port}`;
test.use({ baseURL: CONSOLE });

/** Chromium's virtual authenticator: a platform passkey store that verifies its user, without prompts. */
async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, authenticatorId };
}

/** The password step for an operator with no second factor: straight into the console. */
async function signInWithPassword(page: Page, operator: { email: string; password: string }) {
  await signIn(page, operator.email, operator.password);
  await expect(page).toHaveURL(/\/users/);
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** On Your account: Add passkey, name it, and wait until it is listed. */
async function addPasskeyOnAccount(page: Page, name: string) {
  await page.goto("/account");
  await page.getByRole("button", { name: "Add passkey" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a passkey" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Add passkey" }).click();
  await expect(page.getByText(`Passkey “${name}” added.`)).toBeVisible();
  await expect(passkeyRow(page, name)).toBeVisible();
}

function passkeyRow(page: Page, name: string) {
  return page.getByRole("table", { name: "Your passkeys" }).getByRole("row", { name: new RegExp(name) });
}

async function signInWithPasskey(page: Page) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
}

test("an operator adds a named passkey, then signs in with it alone and sees when it was last used", async ({ page }) => {
  await virtualAuthenticator(page);
  const operator = await createOperator("approver");
  await signInWithPassword(page, operator);

  await addPasskeyOnAccount(page, "Work laptop");
  const row = passkeyRow(page, "Work laptop");
  await expect(row).toContainText("Device-bound");
  await expect(row.getByRole("cell").nth(1)).toHaveText("Never");
  const stored = await testDb().passkey.findFirstOrThrow({ where: { adminId: operator.id } });
  expect(stored).toMatchObject({ name: "Work laptop", transports: "internal" });

  await signOut(page);
  await signInWithPasskey(page);
  await expect(page).toHaveURL(/\/users/);
  await expect(page.getByTestId("current-role")).toHaveText("Approver");
  const session = await testDb().operatorSession.findFirstOrThrow({ where: { adminId: operator.id }, orderBy: { createdAt: "desc" } });
  expect(session).toMatchObject({ stage: "active", method: "passkey" });

  await page.goto("/account");
  await expect(passkeyRow(page, "Work laptop").getByRole("cell").nth(1)).not.toHaveText("Never");
  await expect(passkeyRow(page, "Work laptop").getByRole("cell").nth(1).locator("time")).toBeVisible();
});

test("an admin without a second factor enrols a passkey after the password, then uses it as the second factor", async ({ page }) => {
  await virtualAuthenticator(page);
  const admin = await createOperator("admin", { totp: false });
  await signIn(page, admin.email, admin.password);
  await expect(page.getByRole("heading", { name: "Set up a second factor" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Or add a passkey / security key" })).toBeVisible();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Office key");
  await page.getByRole("button", { name: "Add passkey" }).click();
  await expect(page).toHaveURL(/\/users/);
  expect(await testDb().operatorSession.findFirstOrThrow({ where: { adminId: admin.id } })).toMatchObject({ stage: "active", method: "password+passkey" });

  await signOut(page);
  await signIn(page, admin.email, admin.password);
  await expect(page.getByRole("heading", { name: "Second factor" })).toBeVisible();
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/users/);
  await expect(page.getByTestId("current-role")).toHaveText("Admin");
  const latest = await testDb().operatorSession.findFirstOrThrow({ where: { adminId: admin.id }, orderBy: { createdAt: "desc" } });
  expect(latest).toMatchObject({ stage: "active", method: "password+passkey" });

  // Admins must keep a second factor: their only passkey cannot be removed.
  await page.goto("/account");
  await page.getByRole("button", { name: "Remove Office key" }).click();
  const confirm = page.getByRole("dialog", { name: "Remove Office key?" });
  await confirm.getByRole("button", { name: "Remove passkey" }).click();
  await expect(confirm.getByRole("status")).toContainText("“Office key” is your only second factor, and your role must use one.");
  expect(await testDb().passkey.count({ where: { adminId: admin.id } })).toBe(1);
});

test("a passkey can be renamed; removing it asks first, and a removed passkey no longer signs in", async ({ page }) => {
  await virtualAuthenticator(page);
  const operator = await createOperator("approver");
  await signInWithPassword(page, operator);
  await addPasskeyOnAccount(page, "Phone");
  await page.getByRole("button", { name: "Rename Phone" }).click();
  const rename = page.getByRole("dialog", { name: "Rename Phone" });
  await rename.getByLabel("Name").fill("Old phone");
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByText("Passkey renamed to “Old phone”.")).toBeVisible();
  await expect(passkeyRow(page, "Old phone")).toBeVisible();

  await page.getByRole("button", { name: "Remove Old phone" }).click();
  const confirm = page.getByRole("dialog", { name: "Remove Old phone?" });
  await expect(confirm).toContainText("You can no longer sign in with “Old phone”");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(passkeyRow(page, "Old phone")).toBeVisible();

  await page.getByRole("button", { name: "Remove Old phone" }).click();
  await page.getByRole("dialog", { name: "Remove Old phone?" }).getByRole("button", { name: "Remove passkey" }).click();
  await expect(page.getByText("Passkey “Old phone” removed.")).toBeVisible();
  await expect(page.getByText("You have no passkeys yet.")).toBeVisible();
  expect(await testDb().passkey.count({ where: { adminId: operator.id } })).toBe(0);

  await signOut(page);
  await signInWithPasskey(page);
  await expect(page.getByRole("status").filter({ hasText: "This passkey is not registered with Identity Console" })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("a cloned passkey (its counter behind the console's) and an unknown one are refused with a clear message", async ({ page }) => {
  await virtualAuthenticator(page);
  const operator = await createOperator("approver");
  await signInWithPassword(page, operator);
  await addPasskeyOnAccount(page, "Copied key");
  await signOut(page);

  // The console has seen a later use than this authenticator's: another copy of the key signed in.
  await testDb().passkey.updateMany({ where: { adminId: operator.id }, data: { counter: 1000 } });
  await signInWithPasskey(page);
  await expect(page.getByRole("status").filter({ hasText: "its use counter went backwards" })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await expect.poll(() => testDb().auditLog.count({ where: { action: "session.passkey.refused", actorId: operator.id } })).toBe(1);

  await testDb().passkey.deleteMany({ where: { adminId: operator.id } });
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: "This passkey is not registered with Identity Console" })).toBeVisible();
  expect(await testDb().operatorSession.count({ where: { adminId: operator.id, method: "passkey" } })).toBe(0);
});

test("a browser without WebAuthn is told so", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "PublicKeyCredential", { value: undefined, configurable: true });
  });
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: "This browser cannot use passkeys or security keys." })).toBeVisible();
});
