import { describe, expect, it } from "vitest";
import { FLUSH_SIZE, FLUSH_TARGET_MS, flushSize } from "./batch-recorder";

describe("the worker's group commit sizes its transactions by time", () => {
  it("takes the most attempts while it has not measured any", () => {
    expect(flushSize(0)).toBe(FLUSH_SIZE);
  });

  it("takes as many attempts as fit in the target time", () => {
    expect(flushSize(0.2)).toBe(FLUSH_SIZE); // 200 would fit: capped
    expect(flushSize(1)).toBe(FLUSH_TARGET_MS);
    expect(flushSize(4)).toBe(Math.floor(FLUSH_TARGET_MS / 4));
  });

  it("still shares a transaction between a few attempts when each is slow", () => {
    expect(flushSize(100)).toBe(5);
  });
});
