// Playwright fixtures: `loginAs(role)` and seed factories with unique values.
import { test as base, expect, type Page } from "@playwright/test";
import { hash } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";
import { createClient, type Db } from "../lib/db-client";
import { decryptSecret, encryptSecret } from "../lib/crypto";
import { newTotpSecret, totpFor, TOTP_PERIOD_SECONDS } from "../lib/operator-factors/totp-core";
import { E2E_CREDENTIALS_KEY } from "../playwright.config";
import type { Role } from "../lib/permissions";
import { startScimStandIn, type ScimStandIn } from "../test/scim-standin";
import type { StoredResource } from "../test/scim-standin/store";

let client: Db | undefined;
/** The e2e database, for arranging data and checking what the console stored. */
export function testDb(): Db {
  if (!client) {
    process.env.DATABASE_URL = process.env.E2E_DATABASE_URL;
    client = createClient();
  }
  return client;
}

/** A short unique suffix. */
export function unique(prefix = "e2e"): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
}

export type Operator = { id: string; email: string; password: string; role: Role; name: string; totpSecret?: string };

/**
 * Creates a console operator with a role and a known password. Admins get a TOTP second factor by
 * default (the console requires one of admins unless Settings say otherwise); `totp: false` leaves
 * them without, `totp: true` gives one to any role.
 */
export async function createOperator(role: Role, overrides: Partial<{ disabled: boolean; name: string; totp: boolean }> = {}): Promise<Operator> {
  const email = `${unique(role)}@example.test`;
  const password = `pw-${unique()}`;
  const name = overrides.name ?? `${role[0].toUpperCase()}${role.slice(1)} ${unique("")}`;
  const totpSecret = overrides.totp ?? role === "admin" ? newTotpSecret() : undefined;
  const admin = await testDb().admin.create({
    data: {
      email,
      name,
      role,
      passwordHash: await hash(password),
      disabled: overrides.disabled ?? false,
      ...(totpSecret ? { totpSecret: withE2eKey(() => encryptSecret(totpSecret)), totpEnabledAt: new Date() } : {}),
    },
  });
  return { id: admin.id, email, password, role, name, totpSecret };
}

/** Runs `fn` with the console's credentials key, so secrets the fixtures store are ones the console reads. */
function withE2eKey<T>(fn: () => T): T {
  process.env.CREDENTIALS_ENCRYPTION_KEY = E2E_CREDENTIALS_KEY;
  return fn();
}

/**
 * The operator's TOTP secret: the stored one, or a new one stored now when they have none (for the
 * first admin, whom the console created from the environment).
 */
export async function totpSecretOf(email: string): Promise<string> {
  const admin = await testDb().admin.findUniqueOrThrow({ where: { email } });
  if (admin.totpSecret && admin.totpEnabledAt) return withE2eKey(() => decryptSecret<string>(admin.totpSecret!));
  const secret = newTotpSecret();
  await testDb().admin.update({ where: { email }, data: { totpSecret: withE2eKey(() => encryptSecret(secret)), totpEnabledAt: new Date(), totpLastStep: null } });
  return secret;
}

/**
 * A TOTP code the console has not seen yet: when the current time step was already used (a sign-in
 * earlier in this half-minute), waits for the next one, as a person would.
 */
export async function freshTotpCode(email: string, secret: string): Promise<string> {
  const { totpLastStep } = await testDb().admin.findUniqueOrThrow({ where: { email }, select: { totpLastStep: true } });
  for (;;) {
    const step = Math.floor(Date.now() / 1000 / TOTP_PERIOD_SECONDS);
    if (totpLastStep === null || step > totpLastStep) return totpFor(secret, email).generate();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Signs in through the login form; with a TOTP secret, also through the second-factor step. */
export async function signIn(page: Page, email: string, password: string, totpSecret?: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  if (totpSecret) {
    await expect(page.getByRole("heading", { name: "Second factor" })).toBeVisible();
    await page.getByLabel("Code").fill(await freshTotpCode(email, totpSecret));
    await page.getByRole("button", { name: "Verify" }).click();
  }
}

/** Inserts a directory user directly (arranging state; the UI paths are tested separately). */
export async function seedUser(overrides: Partial<{ userName: string; email: string; firstName: string; lastName: string; active: boolean }> = {}) {
  const userName = overrides.userName ?? unique("user");
  const email = (overrides.email ?? `${userName}@example.test`).toLowerCase();
  const firstName = overrides.firstName ?? "Seed";
  const lastName = overrides.lastName ?? unique("Person");
  return testDb().user.create({
    data: {
      userName,
      userNameKey: userName.toLowerCase(),
      email,
      firstName,
      lastName,
      displayName: `${firstName} ${lastName}`,
      active: overrides.active ?? true,
      searchText: [userName, email, firstName, lastName, `${firstName} ${lastName}`].join(" ").toLowerCase(),
    },
  });
}

/** Inserts a group directly. */
export async function seedGroup(name = unique("Group ")) {
  return testDb().group.create({ data: { name, nameKey: name.toLowerCase() } });
}

type Fixtures = { loginAs: (role: Role) => Promise<Operator> };

export const test = base.extend<Fixtures>({
  // Playwright's fixture callback is conventionally named `use`; it is not a React hook.
  loginAs: async ({ page }, provide) => {
    await provide(async (role: Role) => {
      const operator = await createOperator(role);
      await signIn(page, operator.email, operator.password, operator.totpSecret);
      await expect(page.getByTestId("current-role")).toBeVisible();
      return operator;
    });
  },
});

export { expect };

/**
 * The SCIM app stand-in of one spec file: started before its tests, closed after them. The console's
 * in-process worker pushes to it; `remoteUser` reads what it holds for a userName.
 */
export function scimStandInForFile(): { scim: () => ScimStandIn; remoteUser: (userName: string) => StoredResource | undefined } {
  let running: ScimStandIn | undefined;
  test.beforeAll(async () => {
    running = await startScimStandIn();
  });
  test.afterAll(async () => {
    await running?.close();
  });
  const scim = () => {
    if (!running) throw new Error("The SCIM stand-in is not running: call scimStandInForFile() at the top of the spec file.");
    return running;
  };
  return { scim, remoteUser: (userName) => scim().users().find((u) => u.userName === userName) };
}

/** On Add app: fills a generic SCIM app's name, base URL and bearer token, then presses Save and verify. */
export async function fillScimApp(page: Page, app: { name: string; baseUrl: string; token: string }) {
  await page.getByLabel("Kind").selectOption("scim");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(app.name);
  await page.getByLabel("SCIM base URL").fill(app.baseUrl);
  await page.getByLabel("Bearer token").fill(app.token);
  await page.getByRole("button", { name: "Save and verify" }).click();
}

/**
 * Policies > Add Policy: grants `appName` to the group found by `search`, previews the impact, waits until
 * the preview says `expectImpact` (or just shows), saves, and waits for "Policy saved.".
 */
export async function addPolicyInUi(page: Page, options: { appName: string; search: string; groupName: string; policyName: string; expectImpact?: string }) {
  await page.goto("/policies/new");
  await page.getByLabel("Application").selectOption({ label: options.appName });
  await page.getByLabel("Search groups").fill(options.search);
  await page.getByRole("checkbox", { name: new RegExp(options.groupName) }).check();
  await page.getByLabel("Policy name").fill(options.policyName);
  await page.getByRole("button", { name: "Preview impact" }).click();
  const preview = page.getByRole("region", { name: "Impact preview" });
  if (options.expectImpact) await expect(preview).toContainText(options.expectImpact);
  else await expect(preview).toBeVisible();
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Policy saved.")).toBeVisible();
}
