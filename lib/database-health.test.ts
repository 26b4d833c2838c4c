import { describe, expect, it } from "vitest";
import { dbProvider } from "@/lib/db";
import { checkDatabase, tuneDatabase } from "./database-health";

describe("the database's readiness", () => {
  it("answers, and on SQLite runs in WAL mode with a busy timeout after tuneDatabase", async () => {
    const warnings: string[] = [];
    await tuneDatabase((line) => warnings.push(line));
    const health = await checkDatabase();
    expect(health).toMatchObject({ provider: dbProvider, reachable: true });
    if (health.provider === "sqlite" && health.reachable) {
      expect(health).toMatchObject({ journalMode: "wal", concurrentWrites: true });
      expect(health.busyTimeoutMs).toBeGreaterThan(0);
    }
    expect(warnings).toEqual([]);
  });
});
