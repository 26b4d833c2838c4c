import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, secretHint } from "./crypto";

describe("credential encryption", () => {
  it("round-trips a value and never stores it in clear", () => {
    const stored = encryptSecret({ token: "xoxp-secret-token-1234" });
    expect(stored).not.toContain("xoxp");
    expect(decryptSecret<{ token: string }>(stored)).toEqual({ token: "xoxp-secret-token-1234" });
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same")).not.toBe(encryptSecret("same"));
  });

  it("refuses a tampered value", () => {
    const stored = encryptSecret({ token: "abc" });
    const parts = stored.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptSecret(parts.join("."))).toThrow();
  });

  it("shows only the last four characters", () => {
    expect(secretHint("xoxp-123456789")).toBe("ends in …6789");
    expect(secretHint("short")).toBe("set");
  });
});
