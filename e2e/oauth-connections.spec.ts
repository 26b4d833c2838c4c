import { SLACK_STANDIN_ORIGIN } from "../playwright.config";
import { startOAuthServer, SCIM_SCOPE, type OAuthServer } from "../test/oauth-server";
import { startScimStandIn, type ScimStandIn } from "../test/scim-standin";
import { slackStandInControl } from "../test/slack-standin";
import { STANDIN_CLIENT } from "../test/slack-standin/oauth";
import { expect, test, testDb, unique } from "./fixtures";

const origin = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;
const REDIRECT = `${origin}/api/oauth/callback`;
const slack = slackStandInControl(SLACK_STANDIN_ORIGIN);

let server: OAuthServer;
let scim: ScimStandIn;
let slackScim: ScimStandIn;
test.beforeAll(async () => {
  server = await startOAuthServer({ redirectUris: [REDIRECT] });
  scim = await startScimStandIn({ acceptToken: (t) => server.isActiveAccessToken(t) });
  // Slack's SCIM API accepts the user tokens its OAuth issued and has not revoked.
  slackScim = await startScimStandIn({
    slack: true,
    acceptToken: async (t) => {
      const tokens = ((await slack.state()).oauthTokens ?? {}) as Record<string, { kind: string; revoked: boolean }>;
      return tokens[t]?.kind === "access" && !tokens[t].revoked;
    },
  });
});
test.afterAll(async () => {
  await Promise.all([server.close(), scim.close(), slackScim.close()]);
});

test("admin adds an OAuth 2.0 app, signs in and consents on the authorization server, and lands connected", async ({ page, loginAs }) => {
  await loginAs("admin");
  const name = unique("OAuth SCIM ");
  await page.goto("/apps/new");
  await page.getByLabel("Kind").selectOption("scim");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByLabel("SCIM base URL").fill(scim.baseUrl);
  await page.getByLabel("Credentials").selectOption("oauth2");
  await expect(page.getByLabel("Bearer token")).toHaveCount(0);
  await page.getByRole("button", { name: "Save", exact: true }).click();

  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Reconnect needed" })).toContainText("Not connected yet");
  await expect(page.getByTestId("redirect-url")).toHaveText(REDIRECT);
  // A bad endpoint is refused with the field marked, and nothing is saved.
  await page.getByLabel("Client ID").fill(server.basicClient.clientId);
  await page.getByLabel("Client secret").fill(server.basicClient.clientSecret);
  await page.getByLabel("Authorization endpoint").fill("not a url");
  await page.getByLabel("Token endpoint").fill(server.tokenEndpoint);
  await page.getByRole("button", { name: "Save connection settings" }).click();
  await expect(page.getByLabel("Authorization endpoint")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Client ID")).toHaveValue(server.basicClient.clientId);

  await page.getByLabel("Authorization endpoint").fill(server.authorizationEndpoint);
  await page.getByLabel("Client secret").fill(server.basicClient.clientSecret);
  await page.getByLabel("Revocation endpoint").fill(server.revocationEndpoint);
  await page.getByLabel("Scopes").fill(SCIM_SCOPE);
  await page.getByRole("button", { name: "Save connection settings" }).click();
  await page.getByRole("button", { name: "Connect", exact: true }).click();

  // The authorization server's own pages.
  await expect(page.getByRole("heading", { name: "Sign in to the test authorization server" })).toBeVisible();
  await page.getByLabel("Username").fill("scim-admin");
  await page.getByLabel("Password").fill("anything");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Authorize access" })).toBeVisible();
  await page.getByRole("button", { name: "Allow" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Connected." })).toBeVisible();
  await expect(page.getByTestId("oauth-status")).toHaveText("Connected");
  await expect(page.getByTestId("app-health")).toHaveText("Connected");
  await expect(page.getByRole("definition").filter({ hasText: SCIM_SCOPE }).first()).toBeVisible();

  const app = await testDb().app.findFirstOrThrow({ where: { nameKey: name.toLowerCase() } });
  expect(app).toMatchObject({ credentialKind: "oauth2", health: "connected" });
  expect(app.credentialsEnc).not.toBeNull();
  const html = await (await page.request.get(page.url())).text();
  expect(html).not.toContain(server.basicClient.clientSecret);
  expect(await page.content()).not.toContain(server.basicClient.clientSecret);
  expect(scim.requests.some((r) => r.path === "/ServiceProviderConfig")).toBe(true);
});

test("denied consent ends on the app page with a plain message and nothing saved", async ({ page, loginAs }) => {
  await loginAs("admin");
  const name = unique("Denied ");
  const app = await testDb().app.create({
    data: {
      name,
      nameKey: name.toLowerCase(),
      kind: "scim",
      baseUrl: scim.baseUrl,
      credentialKind: "oauth2",
      health: "reconnect_needed",
      oauthConfig: JSON.stringify({ authorizationEndpoint: server.authorizationEndpoint, tokenEndpoint: server.tokenEndpoint, clientId: server.postClient.clientId, scopes: SCIM_SCOPE, clientAuth: "post" }),
    },
  });
  await page.goto(`/apps/${app.id}`);
  // The secret is entered through the page, like an admin would.
  await page.getByLabel("Client ID").fill(server.postClient.clientId);
  await page.getByLabel("Client secret").fill(server.postClient.clientSecret);
  await page.getByRole("button", { name: "Save connection settings" }).click();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByLabel("Username").fill("someone");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Connection not completed" })).toContainText("Consent was denied");
  await expect(page.getByTestId("oauth-status")).toHaveText("Reconnect needed");
  const after = await testDb().app.findUniqueOrThrow({ where: { id: app.id } });
  expect(after).toMatchObject({ credentialsEnc: null, connectedAt: null });
});

test("Connect with Slack: authorize on the Slack page, land connected, Verify Credentials against Slack's SCIM API, then disconnect", async ({ page, loginAs }) => {
  await loginAs("admin");
  const name = unique("Slack ");
  const app = await testDb().app.create({ data: { name, nameKey: name.toLowerCase(), kind: "slack", baseUrl: slackScim.baseUrl } });
  await page.goto(`/apps/${app.id}`);
  await page.getByLabel("Credential kind").selectOption("slack_oauth");
  await expect(page.getByTestId("redirect-url")).toHaveText(REDIRECT);
  await page.getByLabel("Client ID").fill(STANDIN_CLIENT.id);
  await page.getByLabel("Client secret").fill(STANDIN_CLIENT.secret);
  await page.getByRole("button", { name: "Save connection settings" }).click();
  await page.getByRole("button", { name: "Connect with Slack", exact: true }).click();

  await expect(page.getByRole("heading", { name: /requesting permission/ })).toBeVisible();
  const authorize = new URL(page.url());
  expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: STANDIN_CLIENT.id, user_scope: "admin", redirect_uri: REDIRECT });
  await page.getByRole("button", { name: "Allow" }).click();

  await expect(page.getByTestId("oauth-status")).toHaveText("Connected");
  await expect(page.getByText("Stand-in Workspace")).toBeVisible();
  await expect(page.getByTestId("app-health")).toHaveText("Connected");
  await page.getByRole("button", { name: "Verify Credentials" }).click();
  await expect(page.getByText("Connected: the app accepted the credentials.")).toBeVisible();
  expect(slackScim.requests.filter((r) => r.path === "/ServiceProviderConfig").length).toBeGreaterThanOrEqual(2);
  const exchange = (await slack.calls("oauth.v2.access")).at(-1)!;
  expect(exchange.args).toMatchObject({ redirect_uri: REDIRECT });
  const stored = await testDb().app.findUniqueOrThrow({ where: { id: app.id } });
  expect(JSON.parse(stored.connectionInfo!)).toMatchObject({ teamId: "T0STANDIN", scopes: ["admin"] });
  expect(await (await page.request.get(page.url())).text()).not.toContain(STANDIN_CLIENT.secret);

  await page.getByRole("button", { name: "Disconnect" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Reconnect needed" })).toBeVisible();
  await expect.poll(async () => (await slack.calls("auth.revoke")).length).toBeGreaterThan(0);
  const audit = await testDb().auditLog.findMany({ where: { targetId: app.id }, select: { action: true } });
  expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["app.oauth.connect", "app.oauth.disconnect"]));
});
