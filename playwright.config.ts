import { defineConfig } from "@playwright/test";
import { createTestDatabase } from "./scripts/test-db.mjs";

// The console under test runs with `npm start` semantics (migrations, first admin) against a
// fresh database of the lane: TEST_LANE=sqlite (default) or postgres.
const lane = process.env.TEST_LANE === "postgres" ? "postgres" : "sqlite";
const port = Number(process.env.E2E_PORT ?? 3100);
/** The Slack stand-in (Web API, OAuth pages) runs beside the console; tests reach it with slackStandInControl(). */
export const SLACK_STANDIN_ORIGIN = `http://127.0.0.1:${port + 50}`;
if (!process.env.E2E_DATABASE_URL) {
  process.env.E2E_DATABASE_URL = createTestDatabase(lane, "e2e");
}
/** The console's credentials key in e2e runs; the fixtures store second factors with it. */
export const E2E_CREDENTIALS_KEY = "ZTJlLWtleS1lMmUta2V5LWUyZS1rZXktZTJlLWtleQ";
export const E2E_ADMIN = { email: "e2e-admin@example.test", password: "e2e-Quartz-lantern-4817-harbor" };

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      command: `node_modules/.bin/tsx test/slack-standin/serve.ts ${port + 50}`,
      url: `${SLACK_STANDIN_ORIGIN}/_standin/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node scripts/start.mjs",
      url: `http://127.0.0.1:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: "pipe",
      env: {
        DATABASE_URL: process.env.E2E_DATABASE_URL,
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        ADMIN_EMAIL: E2E_ADMIN.email,
        ADMIN_PASSWORD: E2E_ADMIN.password,
        AUTH_SECRET: "e2e-auth-secret-not-for-production-000000",
        CREDENTIALS_ENCRYPTION_KEY: E2E_CREDENTIALS_KEY,
        AUTH_URL: `http://127.0.0.1:${port}`,
        // Every spec's browser reaches the console from 127.0.0.1, so the whole run shares one client
        // throttle key; its limit is raised so the suite's deliberate failures never add up to it.
        SIGNIN_MAX_FAILURES_PER_IP: "200",
        SLACK_API_URL: `${SLACK_STANDIN_ORIGIN}/api/`,
        SLACK_OAUTH_AUTHORIZE_URL: `${SLACK_STANDIN_ORIGIN}/oauth/v2/authorize`,
      },
    },
  ],
});
