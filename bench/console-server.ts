// What the benchmarks that serve the console share: waiting until it answers, and a session cookie for an
// admin (signed with the AUTH_SECRET the console was started with), so pages load without the sign-in form.
import type { ChildProcess } from "node:child_process";
import { encode } from "next-auth/jwt";
import { createClient } from "../lib/db-client";

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

/** The value of the session cookie for the operator `adminId`, as the console signs it. */
export async function sessionCookie(adminId: string, secret: string): Promise<string> {
  const db = createClient();
  try {
    const admin = await db.admin.findUniqueOrThrow({ where: { id: adminId } });
    return await encode({
      token: { sub: admin.id, adminId: admin.id, sessionVersion: admin.sessionVersion, email: admin.email, name: admin.name },
      secret,
      salt: "authjs.session-token",
    });
  } finally {
    await db.$disconnect();
  }
}
