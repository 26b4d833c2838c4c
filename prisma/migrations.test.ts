import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTestDatabase, dropTestDatabase } from "@/scripts/test-db.mjs";

const root = path.resolve(__dirname, "..");
const lane = process.env.TEST_LANE === "postgres" ? "postgres" : "sqlite";
const FINAL = /already in sync|now in sync|Error|data loss/i;

/**
 * Runs `prisma db push` and resolves with its output once it has said its final word. The 6.19
 * CLI can linger for a minute after finishing, so the process is ended once the answer is in.
 */
function dbPush(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules/.bin/prisma"), ["db", "push", "--skip-generate"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (FINAL.test(output)) setTimeout(() => child.kill("SIGTERM"), 200);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", () => resolve(output));
  });
}

// Each lane checks its own provider's history; `npm test` runs both lanes.
describe(`${lane} migration history`, () => {
  it("matches the models exactly (deploy, then db push finds nothing to do)", async () => {
    const url = createTestDatabase(lane, "drift");
    try {
      expect(await dbPush(url)).toContain("already in sync");
    } finally {
      dropTestDatabase(url);
    }
  });
});
