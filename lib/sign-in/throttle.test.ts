import { afterEach, describe, expect, it, vi } from "vitest";
import { resetAdminPassword } from "@/lib/admins/reset-admin-password";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/passwords";
import { asRole, unique } from "@/test/factories";
import { checkPassword } from "./password-sign-in";
import { delayAfter, keyName, MAX_DELAY_SECONDS, signInSucceeded, takeSlot, throttleLimits, type ThrottleKey } from "./throttle";

const PASSWORD = "orbit-velvet-canyon-42";

async function makeOperator() {
  const email = `${unique("throttle")}@example.test`;
  const admin = await db.admin.create({ data: { email, name: "Throttled Op", role: "auditor", passwordHash: await hashPassword(PASSWORD) } });
  return { id: admin.id, email };
}

const from = (ip: string, deviceId: string | null = null) => ({ ip, deviceId });
const account = (email: string): ThrottleKey => ({ kind: "account", id: email });
const client = (ip: string): ThrottleKey => ({ kind: "client", id: ip });
const at = (ms: number) => new Date(ms);

/** An environment of just `vars` (NODE_ENV is required by the typings). */
const env = (vars: Record<string, string> = {}): NodeJS.ProcessEnv => ({ NODE_ENV: "test", ...vars });

/**
 * Fails under `keys` (with the injected clock) until the next attempt must wait the longest delay,
 * each attempt just when the one before allows it; the last failure happens at `lastAt`.
 */
async function failUntilLongestDelay(keys: ThrottleKey[], lastAt: number): Promise<void> {
  const limit = throttleLimits().account;
  const delays: number[] = [];
  for (let failures = 1; delays.at(-1) !== MAX_DELAY_SECONDS; failures++) delays.push(delayAfter(failures, limit));
  let t = lastAt - delays.slice(0, -1).reduce((sum, d) => sum + d, 0) * 1000;
  for (const delay of delays) {
    expect(await takeSlot(keys, at(t))).toEqual({ ok: true });
    t += delay * 1000;
  }
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("sign-in throttling", () => {
  it("40 parallel wrong passwords for one account: exactly 5 reach the password check, the rest are throttled", async () => {
    const { email } = await makeOperator();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => checkPassword(email, `wrong-guess-${i}`, from(unique("ip")))));
    const reasons = results.map((r) => (r.ok ? "ok" : r.reason));
    expect(reasons.filter((r) => r === "invalid")).toHaveLength(5);
    expect(reasons.filter((r) => r === "throttled")).toHaveLength(35);
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: keyName(account(email)) } })).failures).toBe(5);
  });

  it("delays grow 1 s, 2 s, 4 s … after the limit, never beyond 15 minutes, and an attempt at the end of the delay is let through", async () => {
    const keys = [account(`${unique("delays")}@example.test`)];
    const seen: number[] = [];
    let t = Date.UTC(2030, 0, 1);
    for (let i = 0; i < 16; i++) {
      expect(await takeSlot(keys, at(t))).toEqual({ ok: true });
      const row = await db.signInThrottle.findUniqueOrThrow({ where: { key: keyName(keys[0]) } });
      const delay = (row.nextAllowedAt.getTime() - t) / 1000;
      seen.push(delay);
      if (delay > 0) {
        // At once, and still a millisecond before the delay ends, the next attempt is refused (and not counted).
        expect(await takeSlot(keys, at(t))).toEqual({ ok: false, retryAfterSeconds: delay });
        expect(await takeSlot(keys, at(t + delay * 1000 - 1))).toEqual({ ok: false, retryAfterSeconds: 1 });
      }
      t += delay * 1000;
    }
    expect(seen).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
    expect(MAX_DELAY_SECONDS).toBe(15 * 60);
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: keyName(keys[0]) } })).failures).toBe(16);
  });

  it("after the longest delay the right password is accepted (refused attempts while waiting are not counted)", async () => {
    const { email } = await makeOperator();
    const ip = unique("ip");
    // The last failure was 15 minutes ago less 2 seconds: the account waits 2 more seconds.
    await failUntilLongestDelay([account(email)], Date.now() - MAX_DELAY_SECONDS * 1000 + 2000);
    const first = await checkPassword(email, PASSWORD, from(ip));
    expect(first).toMatchObject({ ok: false, reason: "throttled" });
    if (!first.ok) expect(first.retryAfterSeconds).toBeLessThanOrEqual(2);
    await expect.poll(async () => (await checkPassword(email, PASSWORD, from(ip))).ok, { timeout: 10_000, interval: 250 }).toBe(true);
  });

  it("a browser that signed in before (device key) gets in while the account key waits its longest delay", async () => {
    const { email } = await makeOperator();
    await failUntilLongestDelay([account(email)], Date.now());
    const elsewhere = await checkPassword(email, PASSWORD, from(unique("ip")));
    expect(elsewhere).toMatchObject({ ok: false, reason: "throttled" });
    if (!elsewhere.ok) expect(elsewhere.retryAfterSeconds).toBeGreaterThan(MAX_DELAY_SECONDS - 30);
    expect(await checkPassword(email, PASSWORD, from(unique("ip"), unique("device")))).toMatchObject({ ok: true });
  });

  it("a client address at its limit is throttled; another address is not", async () => {
    const [ipA, ipB] = [unique("ipA"), unique("ipB")];
    const t = Date.UTC(2030, 1, 1);
    const limit = throttleLimits().client;
    for (let i = 0; i < limit; i++) expect(await takeSlot([client(ipA), account(`${unique("spray")}@example.test`)], at(t))).toEqual({ ok: true });
    expect(await takeSlot([client(ipA), account(`${unique("spray")}@example.test`)], at(t))).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(await takeSlot([client(ipB), account(`${unique("spray")}@example.test`)], at(t))).toEqual({ ok: true });
  });

  it("a completed sign-in gives its client slot back and clears the account, so many sign-ins from one address never add up", async () => {
    const ip = unique("office");
    const limit = throttleLimits().client;
    let t = Date.UTC(2030, 2, 1);
    for (let i = 0; i < limit - 1; i++) await takeSlot([client(ip), account(`${unique("typo")}@example.test`)], at(t));
    const email = `${unique("regular")}@example.test`;
    for (let i = 0; i < 30; i++) {
      t += 1000;
      expect(await takeSlot([client(ip), account(email)], at(t))).toEqual({ ok: true });
      await signInSucceeded([client(ip), account(email)], at(t));
    }
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: keyName(client(ip)) } })).failures).toBe(limit - 1);
    expect(await db.signInThrottle.findUnique({ where: { key: keyName(account(email)) } })).toBeNull();
    // The earlier failures still count: one more reaches the limit.
    expect(await takeSlot([client(ip), account(`${unique("typo")}@example.test`)], at(t))).toEqual({ ok: true });
    expect(await takeSlot([client(ip), account(email)], at(t))).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it("a password reset clears the account's failures: the operator signs in with the new password at once", async () => {
    const { id, email } = await makeOperator();
    await failUntilLongestDelay([account(email)], Date.now());
    expect(await checkPassword(email, PASSWORD, from(unique("ip")))).toMatchObject({ ok: false, reason: "throttled" });
    await asRole("admin", () => resetAdminPassword(id, { passwordMode: "type", password: "lantern-meadow-copper-77" }));
    expect(await db.signInThrottle.findUnique({ where: { key: keyName(account(email)) } })).toBeNull();
    expect(await checkPassword(email, "lantern-meadow-copper-77", from(unique("ip")))).toMatchObject({ ok: true });
  });

  it.each([
    ["SIGNIN_MAX_FAILURES_PER_ACCOUNT", "five", 'SIGNIN_MAX_FAILURES_PER_ACCOUNT must be a whole number from 1 to 1000; it is "five".'],
    ["SIGNIN_MAX_FAILURES_PER_ACCOUNT", "0", 'SIGNIN_MAX_FAILURES_PER_ACCOUNT must be a whole number from 1 to 1000; it is "0".'],
    ["SIGNIN_MAX_FAILURES_PER_IP", "-1", 'SIGNIN_MAX_FAILURES_PER_IP must be a whole number from 1 to 100000; it is "-1".'],
    ["SIGNIN_MAX_FAILURES_PER_IP", "1e3", 'SIGNIN_MAX_FAILURES_PER_IP must be a whole number from 1 to 100000; it is "1e3".'],
  ])("%s=%s stops sign-in with a clear error instead of turning throttling off", async (name, value, message) => {
    expect(() => throttleLimits(env({ [name]: value }))).toThrow(message);
    vi.stubEnv(name, value);
    const keys = [account(`${unique("env")}@example.test`)];
    await expect(takeSlot(keys)).rejects.toThrow(message);
    expect(await db.signInThrottle.findUnique({ where: { key: keyName(keys[0]) } })).toBeNull();
  });

  it("reads whole numbers with spaces around them, and defaults when unset", () => {
    expect(throttleLimits(env({ SIGNIN_MAX_FAILURES_PER_ACCOUNT: " 7 ", SIGNIN_MAX_FAILURES_PER_IP: "50" }))).toEqual({ account: 7, device: 7, client: 50 });
    expect(throttleLimits(env())).toEqual({ account: 5, device: 5, client: 20 });
  });
});
