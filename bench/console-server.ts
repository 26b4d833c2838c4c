// What the benchmarks that serve the console share: waiting until it answers, and a session for an
// admin (stored as the console stores one), so pages load without the sign-in form.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createClient } from "../lib/db-client";
import { hashSessionToken, sessionCookieName } from "../lib/sessions/session-config";

/** Polls /api/health until the console answers; fails if it exits first or takes five minutes. */
export async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error("the console exited before it was ready");
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the console did not become ready");
}

/**
 * A signed-in session for the operator `adminId`, made the way the console stores one (a random token,
 * its SHA-256 in OperatorSession): the cookie's name and value.
 */
export async function sessionCookie(adminId: string): Promise<{ name: string; value: string }> {
  const db = createClient();
  try {
    const admin = await db.admin.findUniqueOrThrow({ where: { id: adminId } });
    const value = randomBytes(32).toString("base64url");
    await db.operatorSession.create({
      data: {
        tokenHash: hashSessionToken(value),
        adminId,
        stage: "active",
        method: "password",
        sessionVersion: admin.sessionVersion,
        ip: "bench",
        userAgent: "bench",
        expiresAt: new Date(Date.now() + 8 * 60 * 60_000),
      },
    });
    return { name: sessionCookieName(false), value };
  } finally {
    await db.$disconnect();
  }
}
