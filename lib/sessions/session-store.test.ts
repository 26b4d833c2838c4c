import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { unique } from "@/test/factories";
import { hashSessionToken, PENDING_STAGE_SECONDS, sessionLimits } from "./session-config";
import { advanceSession, createSession, readSession } from "./session-store";

async function makeOperator() {
  return db.admin.create({ data: { email: `${unique("sess")}@example.test`, name: "Session Op", role: "auditor", passwordHash: "x" } });
}

async function signIn(stage: "active" | "second-factor" = "active") {
  const admin = await makeOperator();
  const session = await createSession({ admin, stage, method: "password", ip: "10.9.0.1", userAgent: "Test browser" });
  return { admin, ...session };
}

const row = (id: string) => db.operatorSession.findUnique({ where: { id } });

// The clock moves forward from the real time (the database stamps new rows with its own clock).
let start = 0;
const clockAt = (seconds: number) => vi.setSystemTime(start + seconds * 1000);

beforeEach(() => {
  start = Date.now();
  vi.useFakeTimers({ toFake: ["Date"], now: start });
  vi.stubEnv("SESSION_MAX_AGE_SECONDS", "300");
  vi.stubEnv("SESSION_IDLE_SECONDS", "120");
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe("server-side sessions", () => {
  it("stores only the token's hash and finds the session by the token", async () => {
    const { token, sessionId, admin } = await signIn();
    const stored = await row(sessionId);
    expect(stored?.tokenHash).toBe(hashSessionToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await readSession(token)).toMatchObject({ id: sessionId, stage: "active", method: "password", admin: { id: admin.id } });
    expect(await readSession(`${token}x`)).toBeNull();
    expect(await readSession("x".repeat(101))).toBeNull();
    expect(await readSession(undefined)).toBeNull();
  });

  it("the absolute lifetime is not extended by use", async () => {
    const { token, sessionId, expiresAt } = await signIn();
    expect(expiresAt.getTime() - start).toBeGreaterThanOrEqual(299_000);
    // Used every 100 s (well within the 120 s idle timeout) …
    for (const seconds of [100, 200, 290]) {
      clockAt(seconds);
      expect(await readSession(token), `at ${seconds} s`).not.toBeNull();
      expect((await row(sessionId))?.expiresAt.getTime()).toBe(expiresAt.getTime());
    }
    // … it still ends 300 s after sign-in, and the row goes.
    clockAt(301);
    expect(await readSession(token)).toBeNull();
    expect(await row(sessionId)).toBeNull();
  });

  it("a session nobody used for the idle timeout ends", async () => {
    const kept = await signIn();
    const idle = await signIn();
    clockAt(100);
    expect(await readSession(kept.token)).not.toBeNull();
    clockAt(121);
    expect(await readSession(idle.token)).toBeNull();
    expect(await row(idle.sessionId)).toBeNull();
    // Used at 100 s, so it lives until 220 s.
    expect(await readSession(kept.token)).not.toBeNull();
  });

  it("marks a session as used at most every 30 seconds, and never for a background read", async () => {
    const { token, sessionId } = await signIn();
    const signedInAt = (await row(sessionId))!.lastSeenAt.getTime();
    clockAt(10);
    await readSession(token);
    expect((await row(sessionId))?.lastSeenAt.getTime()).toBe(signedInAt);
    clockAt(31);
    await readSession(token);
    expect((await row(sessionId))?.lastSeenAt.getTime()).toBe(start + 31_000);
    clockAt(100);
    await readSession(token, { touch: false });
    expect((await row(sessionId))?.lastSeenAt.getTime()).toBe(start + 31_000);
    // Untouched reads do not keep it alive: idle since 31 s, it ends at 151 s.
    clockAt(152);
    expect(await readSession(token, { touch: false })).toBeNull();
  });

  it("bumping the operator's sessionVersion (password reset, role change) ends their sessions", async () => {
    const { token, sessionId, admin } = await signIn();
    const other = await createSession({ admin, stage: "active", method: "password", ip: "10.9.0.2", userAgent: "Other" });
    await db.admin.update({ where: { id: admin.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await readSession(token)).toBeNull();
    expect(await readSession(other.token)).toBeNull();
    expect(await row(sessionId)).toBeNull();
    // A session started after the bump works.
    const fresh = await createSession({ admin: (await db.admin.findUniqueOrThrow({ where: { id: admin.id } })), stage: "active", method: "password", ip: "10.9.0.3", userAgent: "New" });
    expect(await readSession(fresh.token)).not.toBeNull();
  });

  it("disabling the operator ends their sessions", async () => {
    const { token, admin } = await signIn();
    await db.admin.update({ where: { id: admin.id }, data: { disabled: true } });
    expect(await readSession(token)).toBeNull();
  });

  it("a pending sign-in has 10 minutes; finishing it gives a new token and the lifetime counted from sign-in", async () => {
    const pending = await signIn("second-factor");
    expect(pending.expiresAt.getTime() - start).toBeLessThanOrEqual(PENDING_STAGE_SECONDS * 1000 + 1000);
    clockAt(60);
    const { token, expiresAt } = await advanceSession(pending.sessionId, "active", "password+totp");
    const created = (await row(pending.sessionId))!.createdAt.getTime();
    expect(expiresAt.getTime()).toBe(created + 300_000);
    expect(await readSession(pending.token)).toBeNull();
    expect(await readSession(token)).toMatchObject({ stage: "active", method: "password+totp" });

    const abandoned = await signIn("second-factor");
    vi.stubEnv("SESSION_IDLE_SECONDS", "3600");
    clockAt(60 + PENDING_STAGE_SECONDS + 1);
    expect(await readSession(abandoned.token)).toBeNull();
  });

  it.each([
    ["SESSION_MAX_AGE_SECONDS", "8h", 'SESSION_MAX_AGE_SECONDS must be a whole number from 60 to 2592000; it is "8h".'],
    ["SESSION_MAX_AGE_SECONDS", "30", 'SESSION_MAX_AGE_SECONDS must be a whole number from 60 to 2592000; it is "30".'],
    ["SESSION_IDLE_SECONDS", "half an hour", 'SESSION_IDLE_SECONDS must be a whole number from 60 to 86400; it is "half an hour".'],
    ["SESSION_IDLE_SECONDS", "1800.5", 'SESSION_IDLE_SECONDS must be a whole number from 60 to 86400; it is "1800.5".'],
  ])("%s=%s is refused with a clear error, and no session starts", async (name, value, message) => {
    const admin = await makeOperator();
    vi.stubEnv(name, value);
    expect(() => sessionLimits()).toThrow(message);
    await expect(createSession({ admin, stage: "active", method: "password", ip: "10.9.0.9", userAgent: "x" })).rejects.toThrow(message);
    expect(await db.operatorSession.count({ where: { adminId: admin.id } })).toBe(0);
  });

  it("defaults to 8 hours and 30 minutes", () => {
    expect(sessionLimits({ NODE_ENV: "test" })).toEqual({ maxAgeSeconds: 8 * 60 * 60, idleSeconds: 30 * 60 });
  });
});
