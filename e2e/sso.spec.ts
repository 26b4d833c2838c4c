import type { Page } from "@playwright/test";
import { encryptSecret } from "../lib/crypto";
import { E2E_CREDENTIALS_KEY } from "../playwright.config";
import { startOAuthServer, type OAuthServer } from "../test/oauth-server";
import { createOperator, expect, signIn, test, testDb, unique } from "./fixtures";

const origin = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;
const CALLBACK = `${origin}/api/auth/sso/callback`;
const SSO_KEY = "signIn.sso";
const BUTTON = "Test IdP";

// The provider stand-in: a login name maps to the claims it asserts about it.
const accounts: Record<string, { email?: string; email_verified?: boolean; name?: string }> = {};
let idp: OAuthServer;
test.beforeAll(async () => {
  idp = await startOAuthServer({ redirectUris: [CALLBACK], accounts });
});
test.afterAll(async () => {
  // "SSO only" left on would refuse every other spec's password sign-in in the same run.
  await testDb().setting.deleteMany({ where: { key: SSO_KEY } });
  await idp.close();
});

/** Configures SSO directly (the admin journey configures it through the page). */
async function configureSso(overrides: Record<string, unknown> = {}) {
  process.env.CREDENTIALS_ENCRYPTION_KEY = E2E_CREDENTIALS_KEY;
  const { clientId, clientSecret } = idp.postClient;
  const value = JSON.stringify({
    issuer: idp.issuer,
    clientId,
    clientAuth: "post",
    displayName: BUTTON,
    createOnFirstSignIn: false,
    createRole: "auditor",
    ssoOnly: false,
    clientSecretEnc: encryptSecret(clientSecret),
    clientSecretHint: "set",
    ...overrides,
  });
  await testDb().setting.upsert({ where: { key: SSO_KEY }, create: { key: SSO_KEY, value }, update: { value } });
}

/** A login at the stand-in that asserts `email`. */
function providerAccount(email: string, verified = true): string {
  const login = unique("idp-user");
  accounts[login] = { email, email_verified: verified, name: "Signed In Person" };
  return login;
}

/** From the console's sign-in page through the provider's own login and consent pages. */
async function signInWithProvider(page: Page, login: string) {
  await page.goto("/login");
  await page.getByRole("link", { name: `Sign in with ${BUTTON}` }).click();
  await expect(page.getByRole("heading", { name: "Sign in to the test authorization server" })).toBeVisible();
  await page.getByLabel("Username").fill(login);
  await page.getByLabel("Password").fill("anything");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Authorize access" })).toBeVisible();
  await page.getByRole("button", { name: "Allow" }).click();
}

test("an admin configures SSO in Settings > Sign-in, an operator signs in with it, and the audit log shows an SSO sign-in", async ({ page, loginAs }) => {
  await testDb().setting.deleteMany({ where: { key: SSO_KEY } });
  await loginAs("admin");
  await page.goto("/settings/sign-in");
  const section = page.getByRole("region", { name: "Single sign-on" });
  await expect(section.getByTestId("sso-status")).toContainText("Off.");
  await expect(section.getByLabel("Callback URL")).toHaveValue(CALLBACK);

  // A remote plain-http issuer is refused with the field marked; nothing is saved.
  await section.getByLabel("Issuer URL").fill("http://idp.example.com");
  await section.getByLabel("Client ID").fill(idp.postClient.clientId);
  await section.getByLabel("Client secret").fill(idp.postClient.clientSecret);
  await section.getByLabel("Client authentication").selectOption("post");
  await section.getByLabel("Button name").fill(BUTTON);
  await section.getByRole("button", { name: "Save", exact: true }).click();
  await expect(section.getByLabel("Issuer URL")).toHaveAttribute("aria-invalid", "true");
  await expect(section.getByLabel("Client ID")).toHaveValue(idp.postClient.clientId);

  await section.getByLabel("Issuer URL").fill(idp.issuer);
  await section.getByRole("button", { name: "Test", exact: true }).click();
  const report = section.getByRole("status", { name: "Test result" });
  await expect(report).toContainText("The provider answered with its OpenID Connect configuration.");
  await expect(report).toContainText(idp.authorizationEndpoint);
  await section.getByLabel("Client secret").fill(idp.postClient.clientSecret);
  await section.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Single sign-on settings saved.")).toBeVisible();
  await expect(section.getByTestId("sso-secret-hint")).toHaveText(/^Stored \(ends in …/);
  await page.reload();
  await expect(section.getByTestId("sso-status")).toContainText(`On: the sign-in page offers “Sign in with ${BUTTON}”`);
  expect(await page.content()).not.toContain(idp.postClient.clientSecret);

  // An operator (no TOTP: the provider's own factors count) signs in through the provider.
  const operator = await createOperator("approver");
  await page.context().clearCookies();
  let callbackUrl = "";
  page.on("request", (request) => {
    if (request.url().startsWith(CALLBACK)) callbackUrl = request.url();
  });
  await signInWithProvider(page, providerAccount(operator.email.toUpperCase()));
  await expect(page.getByTestId("current-role")).toBeVisible();
  await expect(page).toHaveURL(/\/users/);

  // The provider's answer cannot be used twice.
  await page.context().clearCookies();
  await page.goto(callbackUrl);
  await expect(page).toHaveURL(/\/login\?error=state/);
  await expect(page.getByText("This sign-in could not be matched to one started in this browser")).toBeVisible();

  // The audit log, read by an admin, shows the SSO sign-in with the provider's authentication methods.
  await loginAs("admin");
  await page.goto(`/audit?actor=${operator.id}&action=session.sign-in`);
  const row = page.getByRole("table", { name: "Audit log" }).getByRole("row", { name: new RegExp(operator.email) });
  await expect(row).toContainText("session.sign-in");
  await row.locator("summary").click();
  await expect(row.getByText("sso", { exact: true })).toBeVisible();
  await expect(row).toContainText("mfa");
});

test("an email no operator has is refused with the message", async ({ page }) => {
  await configureSso();
  await signInWithProvider(page, providerAccount(`${unique("stranger")}@example.test`));
  await expect(page).toHaveURL(/\/login\?error=unknown-email/);
  await expect(page.getByText("No console operator has the email address your sign-in provider confirmed.")).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveCount(0);
});

test("a forged state, a state tampered with mid-flow, and an answer meant for another attempt are refused", async ({ page }) => {
  await configureSso();
  const refused = async () => {
    await expect(page).toHaveURL(/\/login\?error=state/);
    await expect(page.getByText("This sign-in could not be matched to one started in this browser")).toBeVisible();
  };
  // A state the console never issued.
  await page.goto("/api/auth/sso/callback?code=made-up&state=never-issued");
  await refused();

  // An attempt started in this browser (its flow cookie is set), answered with its state altered.
  const started = await page.request.get("/api/auth/sso/start", { maxRedirects: 0 });
  expect(started.status()).toBe(303);
  const state = new URL(started.headers().location).searchParams.get("state");
  expect(state).toBeTruthy();
  await page.goto(`/api/auth/sso/callback?code=made-up&state=${state}x`);
  await refused();

  // A real round trip whose answer comes back while the browser's cookie names a different attempt.
  const operator = await createOperator("auditor");
  await page.goto("/login");
  await page.getByRole("link", { name: `Sign in with ${BUTTON}` }).click();
  await page.getByLabel("Username").fill(providerAccount(operator.email));
  await page.getByLabel("Password").fill("anything");
  await page.request.get("/api/auth/sso/start", { maxRedirects: 0 });
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Allow" }).click();
  await refused();
  await page.goto("/users");
  await expect(page).toHaveURL(/\/login/);
});

test("with operators created on first SSO sign-in as auditors, a new email gets an auditor operator", async ({ page, loginAs }) => {
  await configureSso();
  await loginAs("admin");
  await page.goto("/settings/sign-in");
  const section = page.getByRole("region", { name: "Single sign-on" });
  await section.getByLabel(/Create operators on first SSO sign-in/).check();
  await section.getByLabel("Role for new operators").selectOption("auditor");
  await section.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Single sign-on settings saved.")).toBeVisible();

  await page.context().clearCookies();
  const email = `${unique("newcomer")}@example.test`;
  await signInWithProvider(page, providerAccount(email));
  await expect(page.getByTestId("current-role")).toHaveText(/Auditor/);
  const created = await testDb().admin.findUniqueOrThrow({ where: { email } });
  expect(created).toMatchObject({ role: "auditor", disabled: false, name: "Signed In Person" });
});

test("SSO only refuses a normal operator's password sign-in", async ({ page, loginAs }) => {
  await configureSso();
  await loginAs("admin");
  await page.goto("/settings/sign-in");
  const section = page.getByRole("region", { name: "Single sign-on" });
  await section.getByLabel(/SSO only/).check();
  await section.getByRole("button", { name: "Save", exact: true }).click();
  const confirm = page.getByRole("dialog", { name: "Allow only single sign-on?" });
  await expect(confirm).toContainText("Operators can no longer sign in with their password");
  await expect(confirm).toContainText("No break-glass admin is set (SSO_BREAK_GLASS_EMAIL");
  await confirm.getByRole("button", { name: "Allow only single sign-on" }).click();
  await expect(page.getByText("Single sign-on settings saved.")).toBeVisible();

  const operator = await createOperator("approver");
  await page.context().clearCookies();
  await signIn(page, operator.email, operator.password);
  await expect(page.getByText("This console signs in with single sign-on.")).toBeVisible();
  await expect(page.getByText("Password sign-in is for the break-glass admin only.")).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveCount(0);

  // Single sign-on still lets the operator in.
  await signInWithProvider(page, providerAccount(operator.email));
  await expect(page.getByTestId("current-role")).toBeVisible();
  await testDb().setting.deleteMany({ where: { key: SSO_KEY } });
});
