import { describe, expect, it } from "vitest";
import { consoleNodeOptions, DEFAULT_CONSOLE_MAX_HEAP_MB } from "./console-heap.mjs";

describe("the console server's heap limits (npm start)", () => {
  it("caps the old space at the default and keeps the young generation small", () => {
    expect(consoleNodeOptions({})).toBe(`--max-old-space-size=${DEFAULT_CONSOLE_MAX_HEAP_MB} --max-semi-space-size=4`);
  });

  it("keeps what NODE_OPTIONS already says and takes CONSOLE_MAX_HEAP_MB", () => {
    expect(consoleNodeOptions({ NODE_OPTIONS: "--enable-source-maps", CONSOLE_MAX_HEAP_MB: "256" })).toBe("--enable-source-maps --max-old-space-size=256 --max-semi-space-size=4");
  });

  it("leaves a heap size set in NODE_OPTIONS alone, and ignores a cap too small to serve pages", () => {
    expect(consoleNodeOptions({ NODE_OPTIONS: "--max-old-space-size=1024" })).toBe("--max-old-space-size=1024 --max-semi-space-size=4");
    expect(consoleNodeOptions({ CONSOLE_MAX_HEAP_MB: "32" })).toContain(`--max-old-space-size=${DEFAULT_CONSOLE_MAX_HEAP_MB}`);
  });
});
