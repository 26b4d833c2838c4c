import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTestDatabase, dropTestDatabase } from "@/scripts/test-db.mjs";

const root = path.resolve(__dirname, "..");
const lane = process.env.TEST_LANE === "postgres" ? "postgres" : "sqlite";

// Each lane checks its own provider's history; `npm test` runs both lanes.
describe(`${lane} migration history`, () => {
  it("matches the models exactly (deploy, then db push finds nothing to do)", () => {
    const url = createTestDatabase(lane, "drift");
    try {
      const out = execFileSync(path.join(root, "node_modules/.bin/prisma"), ["db", "push", "--skip-generate"], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      expect(out).toContain("already in sync");
    } finally {
      dropTestDatabase(url);
    }
  });
});
