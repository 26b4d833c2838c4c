import path from "node:path";
import { defineConfig } from "vitest/config";
import { createTestDatabase } from "./scripts/test-db.mjs";

// One lane per run: TEST_LANE=sqlite (default) or postgres. The config runs before the test
// workers start, so the fresh database URL reaches every worker through the environment.
const lane = process.env.TEST_LANE === "postgres" ? "postgres" : "sqlite";
if (!process.env.TEST_DATABASE_PREPARED) {
  process.env.DATABASE_URL = createTestDatabase(lane, "vitest");
  process.env.TEST_DATABASE_PREPARED = "1";
}
process.env.AUTH_SECRET ||= "test-auth-secret-not-for-production";
process.env.CREDENTIALS_ENCRYPTION_KEY ||= "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdA";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      "server-only": path.resolve(__dirname, "test/server-only.ts"),
    },
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".next-*/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ["test/global-setup.ts"],
    reporters: ["default"],
    // Under CI a test gets one retry on this shared 2-core machine; one that needed it is named as
    // flaky in the summary of `npm test` (test/outcome-reporter.ts), never hidden.
    retry: process.env.CI ? 1 : 0,
  },
});
