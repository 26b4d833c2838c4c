import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fromLocalInput, toLocalInput } from "./datetime-local";

describe("datetime-local values", () => {
  let savedZone: string | undefined;
  beforeEach(() => {
    savedZone = process.env.TZ;
    // Node re-reads TZ on assignment: the viewer sits five hours behind UTC in March.
    process.env.TZ = "America/New_York";
  });
  afterEach(() => {
    if (savedZone === undefined) delete process.env.TZ;
    else process.env.TZ = savedZone;
  });

  it("shows an ISO instant as the viewer's wall-clock time, to the minute", () => {
    expect(toLocalInput("2026-03-01T15:04:30.000Z")).toBe("2026-03-01T10:04");
  });

  it("reads the viewer's wall-clock time back as the same instant", () => {
    expect(fromLocalInput("2026-03-01T10:04")).toBe("2026-03-01T15:04:00.000Z");
    expect(fromLocalInput(toLocalInput("2026-07-09T23:59:00.000Z"))).toBe("2026-07-09T23:59:00.000Z");
  });

  it("answers empty for a missing or unreadable value instead of an Invalid Date", () => {
    expect(toLocalInput(null)).toBe("");
    expect(toLocalInput("")).toBe("");
    expect(toLocalInput("not a date")).toBe("");
    expect(fromLocalInput("")).toBeUndefined();
    expect(fromLocalInput("2026-13-45T99:99")).toBeUndefined();
  });
});
