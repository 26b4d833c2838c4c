import { describe, expect, it } from "vitest";
import { runAs } from "@/lib/authz";
import { makeAdmin } from "@/test/factories";
import { claimDeferMs, runWorker } from "./run-worker";

describe("when the worker claims again", () => {
  it.each([
    // free, concurrency, ms since a job finished, ms since the last claim -> defer ms
    [32, 32, 0, 0, 0], // idle: at once, so a single change starts without delay
    [0, 32, 0, 0, 0], // nothing free: nothing to defer (it waits for a slot anyway)
    [8, 32, 0, 0, 0], // a quarter free: claim
    [3, 32, 5, 10, 45], // a few free while jobs keep finishing: wait for more
    [3, 32, 50, 10, 0], // no job finished for 50 ms (a slow app holds the rest): claim
    [3, 32, 5, 240, 10], // at most 250 ms after the last claim
    [1, 2, 0, 0, 0], // two slots: one is already half
  ])("%i of %i free, %i ms since a job finished, %i ms since the last claim: defers %i ms", (free, concurrency, sinceRecorded, sinceClaim, expected) => {
    expect(claimDeferMs(free, concurrency, sinceRecorded, sinceClaim)).toBe(expected);
  });
});

describe("stopping the worker", () => {
  it("stops at once when it is told to while claiming, not after its poll interval", async () => {
    const controller = new AbortController();
    const started = Date.now();
    // The observer runs right after a claim, where the loop then waits: the abort lands in between.
    await runAs(await makeAdmin("admin"), () =>
      runWorker({ signal: controller.signal, pollMs: 120_000, appIds: ["no-such-app"], observe: { claimed: () => controller.abort() } }),
    );
    // Far below the 120 s poll it would otherwise wait out (and below the test timeout).
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
