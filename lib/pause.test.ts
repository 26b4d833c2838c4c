import { EventEmitter, getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { pause } from "./pause";

describe("pause", () => {
  it("leaves no abort listener behind, however many times a loop waits", async () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) await pause(1, { signal: controller.signal });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("returns early on a wake-up and unsubscribes from it", async () => {
    const wakes = new EventEmitter();
    const subscribe = (wake: () => void) => {
      wakes.on("wake", wake);
      return () => wakes.off("wake", wake);
    };
    const waiting = pause(60_000, { subscribe });
    wakes.emit("wake");
    await waiting;
    expect(wakes.listenerCount("wake")).toBe(0);
  });

  it("returns when the signal aborts, and at once when it already has", async () => {
    const controller = new AbortController();
    const waiting = pause(60_000, { signal: controller.signal });
    controller.abort();
    await waiting;
    await pause(60_000, { signal: controller.signal });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
