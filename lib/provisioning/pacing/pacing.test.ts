import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { getAppPacing, updateAppPacing } from "@/lib/apps/update-app-pacing";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { makeAdmin } from "@/test/factories";
import { seedApp } from "../test-support";
import { claimBatch } from "../worker/claim-jobs";
import { fullBucket, take, tokensAt } from "./bucket";
import { KIND_DEFAULTS, claimBurst, effectiveLimits } from "./limits";
import { etaSeconds, getQueueSummary } from "./queue-summary";

let admin: Actor;
let auditor: Actor;
beforeAll(async () => {
  admin = await makeAdmin("admin");
  auditor = await makeAdmin("auditor");
});
afterAll(() => undefined);

describe("token bucket", () => {
  const limits = { perMinute: 600, burst: 100, maxConcurrency: 8 };
  it("starts with the burst less its reserve, refills at the rate and never above it", () => {
    const t0 = new Date("2026-11-22T12:00:00Z");
    const full = fullBucket(limits, t0);
    expect(full.tokens).toBe(90);
    const { granted, next } = take(full, limits, 200, t0);
    expect(granted).toBe(90);
    expect(tokensAt(next, limits, new Date(t0.getTime() + 1_000))).toBeCloseTo(10);
    expect(tokensAt(next, limits, new Date(t0.getTime() + 60_000))).toBe(90);
  });
  it("grants nothing while paused by a Retry-After, and again after it", () => {
    const t0 = new Date("2026-11-22T12:00:00Z");
    const paused = { ...fullBucket(limits, t0), pausedUntil: new Date(t0.getTime() + 5_000) };
    expect(take(paused, limits, 5, new Date(t0.getTime() + 4_999)).granted).toBe(0);
    expect(take(paused, limits, 5, new Date(t0.getTime() + 5_000)).granted).toBe(5);
  });
  it("uses the kind's defaults where the app has none: Slack's published 180 writes/min, burst 20", () => {
    expect(effectiveLimits({ kind: "slack", rateLimitPerMinute: null, rateLimitBurst: null, maxConcurrency: null })).toEqual(KIND_DEFAULTS.slack);
    expect(KIND_DEFAULTS.slack).toMatchObject({ perMinute: 180, burst: 20 });
    expect(effectiveLimits({ kind: "scim", rateLimitPerMinute: 60, rateLimitBurst: null, maxConcurrency: 2 })).toEqual({ perMinute: 60, burst: 100, maxConcurrency: 2 });
    expect(claimBurst({ perMinute: 1, burst: 1, maxConcurrency: 1 })).toBe(1);
  });
  it("estimates the queue's wait from the rate", () => {
    expect(etaSeconds(0, 180)).toBe(0);
    expect(etaSeconds(1_200, 180)).toBe(400); // "about 7 min"
  });
});

async function queueJobs(appId: string, count: number) {
  await db.provisioningJob.createMany({
    data: Array.from({ length: count }, (_, i) => ({ appId, subjectType: "user", subjectId: `subject-${appId}-${i}`, subjectLabel: `u${i}`, operation: "create" })),
  });
}

describe("claiming within the app's pacing", () => {
  it("claims no more than the bucket holds and no more than the app's concurrency, whatever the worker asks", async () => {
    const app = await seedApp({ baseUrl: "http://127.0.0.1:9/scim/v2", token: "t0ken-not-used" });
    await db.app.update({ where: { id: app.id }, data: { rateLimitPerMinute: 6, rateLimitBurst: 5, maxConcurrency: 3 } });
    await queueJobs(app.id, 10);
    const first = await claimBatch("worker-a", 50, { appIds: [app.id] });
    expect(first.jobs).toHaveLength(3); // concurrency 3
    const second = await claimBatch("worker-b", 50, { appIds: [app.id] });
    expect(second.jobs).toHaveLength(0); // three still running under live leases
    await db.provisioningJob.updateMany({ where: { id: { in: first.jobs.map((j) => j.id) } }, data: { status: "succeeded", leaseOwner: null, leaseUntil: null } });
    const third = await claimBatch("worker-b", 50, { appIds: [app.id] });
    expect(third.jobs).toHaveLength(1); // burst 5 less a reserve of 1 = 4 tokens, 3 spent; refill is one per 10 s
    const bucket = await db.pacingBucket.findUniqueOrThrow({ where: { appId: app.id } });
    expect(bucket.tokens).toBeLessThan(1);
  });

  it("claims nothing from an app paused by a Retry-After and says when to look again", async () => {
    const app = await seedApp({ baseUrl: "http://127.0.0.1:9/scim/v2", token: "t0ken-not-used" });
    await queueJobs(app.id, 2);
    const until = new Date(Date.now() + 30_000);
    await db.pacingBucket.create({ data: { appId: app.id, tokens: 50, refilledAt: new Date(), pausedUntil: until } });
    const claimed = await claimBatch("worker-a", 10, { appIds: [app.id] });
    expect(claimed.jobs).toHaveLength(0);
    expect(claimed.retryInMs).toBeGreaterThan(25_000);
  });
});

describe("pacing settings and queue summary", () => {
  it("saves valid pacing with an audit row; blank fields go back to the kind's default", async () => {
    const app = await seedApp({ baseUrl: "http://127.0.0.1:9/scim/v2", token: "t0ken-not-used", kind: "slack" });
    expect(await runAs(admin, () => updateAppPacing(app.id, { perMinute: "1,800", burst: "200", maxConcurrency: "" }))).toEqual({ changed: true });
    expect(await runAs(admin, () => getAppPacing(app.id))).toMatchObject({ perMinute: 1800, burst: 200, maxConcurrency: null, defaults: KIND_DEFAULTS.slack });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "app.pacing.update", targetId: app.id } });
    expect(JSON.parse(audit.after ?? "{}")).toMatchObject({ rateLimitPerMinute: 1800, rateLimitBurst: 200, maxConcurrency: null });
    expect(await runAs(admin, () => updateAppPacing(app.id, { perMinute: "1800", burst: "200", maxConcurrency: "" }))).toEqual({ changed: false });
  });

  it("rejects bad values and changes nothing; an auditor cannot change pacing", async () => {
    const app = await seedApp({ baseUrl: "http://127.0.0.1:9/scim/v2", token: "t0ken-not-used" });
    await expect(runAs(admin, () => updateAppPacing(app.id, { perMinute: "0", burst: "abc", maxConcurrency: "1000" }))).rejects.toThrow();
    await expect(runAs(auditor, () => updateAppPacing(app.id, { perMinute: "60", burst: "", maxConcurrency: "" }))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.app.findUniqueOrThrow({ where: { id: app.id } })).toMatchObject({ rateLimitPerMinute: null, rateLimitBurst: null, maxConcurrency: null });
  });

  it("counts the queue and estimates the wait at the app's rate", async () => {
    const app = await seedApp({ baseUrl: "http://127.0.0.1:9/scim/v2", token: "t0ken-not-used", kind: "slack" });
    await queueJobs(app.id, 1_200);
    await db.provisioningJob.create({ data: { appId: app.id, subjectType: "user", subjectId: "x-failed", operation: "update", status: "failed" } });
    const q = await runAs(auditor, () => getQueueSummary(app.id));
    expect(q).toMatchObject({ queued: 1_200, running: 0, failed: 1, perMinute: 180, etaSeconds: 400 });
  });
});
