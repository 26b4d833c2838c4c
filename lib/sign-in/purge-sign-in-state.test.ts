import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { createSession } from "@/lib/sessions/session-store";
import { asRole, unique } from "@/test/factories";
import { purgeSignInState, startSignInPurgeLoop } from "./purge-sign-in-state";

const HOUR = 60 * 60_000;

async function arrange() {
  const admin = await db.admin.create({ data: { email: `${unique("purge")}@example.test`, name: "Purge Op", role: "auditor", passwordHash: "x" } });
  const start = (stage: "active" | "second-factor" = "active") => createSession({ admin, stage, method: "password", ip: "10.30.0.1", userAgent: "x" });
  const [live, pending, expired, idle] = [await start(), await start("second-factor"), await start(), await start()];
  await db.operatorSession.update({ where: { id: expired.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
  await db.operatorSession.update({ where: { id: idle.sessionId }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });

  const key = () => `account:${unique("purge")}@example.test`;
  const now = Date.now();
  const throttles = {
    stale: await db.signInThrottle.create({ data: { key: key(), failures: 3, updatedAt: new Date(now - 25 * HOUR), nextAllowedAt: new Date(now - 25 * HOUR) } }),
    recent: await db.signInThrottle.create({ data: { key: key(), failures: 3, updatedAt: new Date(now - HOUR), nextAllowedAt: new Date(now - HOUR) } }),
    stillWaiting: await db.signInThrottle.create({ data: { key: key(), failures: 40, updatedAt: new Date(now - 25 * HOUR), nextAllowedAt: new Date(now + HOUR) } }),
  };
  const challenges = {
    expired: await db.authChallenge.create({ data: { purpose: "sso", challenge: unique("state"), expiresAt: new Date(now - 1000) } }),
    open: await db.authChallenge.create({ data: { purpose: "passkey-sign-in", challenge: unique("chal"), expiresAt: new Date(now + 5 * 60_000) } }),
  };
  return { sessions: { live, pending, expired, idle }, throttles, challenges };
}

const sessionExists = async (id: string) => (await db.operatorSession.count({ where: { id } })) === 1;
const throttleExists = async (key: string) => (await db.signInThrottle.count({ where: { key } })) === 1;

describe("the hourly purge of sign-in state", () => {
  it("deletes expired and idle sessions, day-old throttle counters and expired ceremonies; live sessions, counters still waiting and open ceremonies stay", async () => {
    const { sessions, throttles, challenges } = await arrange();
    const purged = await asRole("admin", () => purgeSignInState());
    expect(purged.sessions).toBeGreaterThanOrEqual(2);
    expect(purged.throttles).toBeGreaterThanOrEqual(1);
    expect(await sessionExists(sessions.expired.sessionId)).toBe(false);
    expect(await sessionExists(sessions.idle.sessionId)).toBe(false);
    expect(await sessionExists(sessions.live.sessionId)).toBe(true);
    expect(await sessionExists(sessions.pending.sessionId)).toBe(true);
    expect(await throttleExists(throttles.stale.key)).toBe(false);
    expect(await throttleExists(throttles.recent.key)).toBe(true);
    expect(await throttleExists(throttles.stillWaiting.key)).toBe(true);
    expect(await db.authChallenge.count({ where: { id: challenges.expired.id } })).toBe(0);
    expect(await db.authChallenge.count({ where: { id: challenges.open.id } })).toBe(1);
  });

  it.each(["auditor", "approver"] as const)("%s cannot run it and nothing is deleted", async (role) => {
    const { sessions, throttles } = await arrange();
    await expect(asRole(role, () => purgeSignInState())).rejects.toBeInstanceOf(ForbiddenError);
    expect(await sessionExists(sessions.expired.sessionId)).toBe(true);
    expect(await throttleExists(throttles.stale.key)).toBe(true);
  });

  it("the background loop (started with the worker's side loops) purges at once and stops when aborted", async () => {
    const { sessions, throttles } = await arrange();
    const controller = new AbortController();
    const loop = startSignInPurgeLoop(controller.signal);
    await expect.poll(() => sessionExists(sessions.expired.sessionId), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => throttleExists(throttles.stale.key), { timeout: 10_000 }).toBe(false);
    controller.abort();
    await loop;
    expect(await sessionExists(sessions.live.sessionId)).toBe(true);
  });
});
