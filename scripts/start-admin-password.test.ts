import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");

/** Runs `node scripts/start.mjs` with `env`; a start that got past the check would print "Database:". */
function start(env: Record<string, string>) {
  // A database that refuses connections: once past the check, start.mjs stops at the migrations
  // (never reaching the build or the server).
  const result = spawnSync(process.execPath, [path.join(root, "scripts", "start.mjs")], {
    cwd: root,
    env: { NODE_ENV: "production", PATH: process.env.PATH ?? "", DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none", AUTH_SECRET: "x".repeat(32), CREDENTIALS_ENCRYPTION_KEY: "y".repeat(43), ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm start and the first admin's ADMIN_PASSWORD", () => {
  it("stops before anything starts when ADMIN_PASSWORD is set but empty", () => {
    const run = start({ ADMIN_PASSWORD: "" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("ADMIN_PASSWORD is set but empty.");
    expect(run.stdout).not.toContain("Database:");
  });

  it("stops with the reason when ADMIN_PASSWORD is weak", () => {
    const run = start({ ADMIN_PASSWORD: "password1234", ADMIN_EMAIL: "ops@example.test" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("ADMIN_PASSWORD is not accepted: This password is too easy to guess. This is similar to a commonly used password.");
    expect(run.stdout).not.toContain("Database:");
  });

  it("goes on to the database when ADMIN_PASSWORD is strong", () => {
    const run = start({ ADMIN_PASSWORD: "e2e-Quartz-lantern-4817-harbor" });
    expect(run.stderr).not.toContain("ADMIN_PASSWORD");
    expect(run.stdout).toContain("Database: PostgreSQL");
    expect(run.stderr).toContain("Applying database migrations failed");
  });
});
