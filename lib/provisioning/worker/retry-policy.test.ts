import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY, retryDelayMs } from "./retry-policy";

describe("retryDelayMs", () => {
  const top = { ...DEFAULT_RETRY_POLICY, random: () => 0.999999 };
  it.each([
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [8, 256_000],
    [9, 300_000],
    [20, 300_000],
  ])("after attempt %i waits at most %i ms", (attempt, ceiling) => {
    const delay = retryDelayMs(attempt, top);
    expect(delay).toBeLessThan(ceiling);
    expect(delay).toBeGreaterThanOrEqual(ceiling * 0.99);
  });

  it("uses full jitter: a random of 0 means retry at once", () => {
    expect(retryDelayMs(5, { ...DEFAULT_RETRY_POLICY, random: () => 0 })).toBe(0);
  });

  it("honours Retry-After when it asks for longer than the backoff", () => {
    expect(retryDelayMs(1, { ...DEFAULT_RETRY_POLICY, random: () => 0.5 }, 30_000)).toBe(30_000);
    expect(retryDelayMs(9, top, 1_000)).toBeGreaterThan(1_000);
  });
});
