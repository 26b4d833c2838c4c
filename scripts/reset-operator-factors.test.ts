import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { unique } from "@/test/factories";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/.bin/tsx");

async function resetFactors(email: string) {
  return run(tsx, ["scripts/reset-operator-factors.ts", email], { env: process.env }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe("npm run operator:reset-factors (break-glass on the server)", () => {
  it("removes the operator's factors, ends their sessions, clears their throttle and audits it", async () => {
    const email = `${unique("lost")}@example.test`;
    const other = await db.admin.create({ data: { email: `${unique("keep")}@example.test`, name: "Keep", role: "admin", passwordHash: "x", totpSecret: "v1.kept", totpEnabledAt: new Date() } });
    const admin = await db.admin.create({
      data: {
        email,
        name: "Lost",
        role: "admin",
        passwordHash: "x",
        totpSecret: "v1.secret",
        totpEnabledAt: new Date(),
        totpLastStep: 1,
        recoveryCodes: { create: [{ codeHash: "a" }, { codeHash: "b" }] },
        passkeys: { create: [{ credentialId: unique("cred"), publicKey: "pk", deviceType: "singleDevice", name: "Key" }] },
        sessions: { create: [{ tokenHash: unique("tok"), stage: "active", method: "password+totp", sessionVersion: 1, ip: "10.0.0.1", userAgent: "ua", expiresAt: new Date(Date.now() + 3_600_000) }] },
      },
    });
    await db.signInThrottle.create({ data: { key: `account:${email}`, failures: 9, nextAllowedAt: new Date(Date.now() + 600_000), updatedAt: new Date() } });

    const result = await resetFactors(email.toUpperCase());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("1 passkey(s) and 2 recovery code(s) removed, 1 session(s) ended");

    const after = await db.admin.findUniqueOrThrow({ where: { id: admin.id }, include: { recoveryCodes: true, passkeys: true, sessions: true } });
    expect([after.totpSecret, after.totpEnabledAt, after.recoveryCodes.length, after.passkeys.length, after.sessions.length]).toEqual([null, null, 0, 0, 0]);
    expect(await db.signInThrottle.count({ where: { key: `account:${email}` } })).toBe(0);
    expect((await db.admin.findUniqueOrThrow({ where: { id: other.id } })).totpSecret).toBe("v1.kept");
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "admin.factors.reset", targetId: admin.id } });
    expect(audit.actorEmail).toContain("server shell");
    expect(JSON.parse(audit.after ?? "{}")).toEqual({ totp: true, recoveryCodes: 2, passkeys: 1, sessionsEnded: 1 });
  });

  it("names an unknown email and changes nothing", async () => {
    const result = await resetFactors(`${unique("nobody")}@example.test`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("No operator has the email");
  });
});
