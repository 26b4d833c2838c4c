import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxyHops } from "./client-address.mjs";
import { wholeNumberFromEnv } from "./env-number";

/** An environment of just `vars` (NODE_ENV is required by the typings). */
const env = (vars: Record<string, string> = {}): NodeJS.ProcessEnv => ({ NODE_ENV: "test", ...vars });

describe("clientAddress: which address sign-in throttling counts", () => {
  it("with no trusted proxy (the default) takes the socket address and ignores X-Forwarded-For entirely", () => {
    expect(clientAddress({ forwardedFor: "1.2.3.4", socketAddress: "203.0.113.9", hops: 0 })).toBe("203.0.113.9");
    expect(clientAddress({ forwardedFor: "1.2.3.4, 5.6.7.8", socketAddress: "::ffff:203.0.113.9", hops: 0 })).toBe("203.0.113.9");
    expect(clientAddress({ forwardedFor: null, socketAddress: undefined, hops: 0 })).toBe("unknown");
  });

  it("behind one proxy takes the entry that proxy appended (the last), not the ones the client wrote", () => {
    // The client sent "X-Forwarded-For: 6.6.6.6, 7.7.7.7"; the load balancer appended 198.51.100.7.
    expect(clientAddress({ forwardedFor: "6.6.6.6, 7.7.7.7, 198.51.100.7", socketAddress: "10.0.0.2", hops: 1 })).toBe("198.51.100.7");
    expect(clientAddress({ forwardedFor: "198.51.100.7", socketAddress: "10.0.0.2", hops: 1 })).toBe("198.51.100.7");
  });

  it("behind two proxies takes the entry the outer proxy appended", () => {
    // client -> CDN (appends the client) -> load balancer (appends the CDN) -> console
    expect(clientAddress({ forwardedFor: "6.6.6.6, 198.51.100.7, 192.0.2.10", socketAddress: "10.0.0.2", hops: 2 })).toBe("198.51.100.7");
    expect(clientAddress({ forwardedFor: "  198.51.100.7 ,192.0.2.10 ", socketAddress: "10.0.0.2", hops: 2 })).toBe("198.51.100.7");
  });

  it("a spoofed X-Forwarded-For never changes the address with a correct hop count", () => {
    for (const spoofed of ["1.1.1.1", "1.1.1.1, 2.2.2.2", "unknown, , 9.9.9.9", ""]) {
      const forwardedFor = spoofed ? `${spoofed}, 198.51.100.7` : "198.51.100.7";
      expect(clientAddress({ forwardedFor, socketAddress: "10.0.0.2", hops: 1 }), spoofed).toBe("198.51.100.7");
    }
  });

  it("a request that bypassed the proxies (fewer entries than hops) gets the leftmost known address", () => {
    expect(clientAddress({ forwardedFor: "", socketAddress: "203.0.113.9", hops: 2 })).toBe("203.0.113.9");
    expect(clientAddress({ forwardedFor: "198.51.100.7", socketAddress: "10.0.0.2", hops: 3 })).toBe("198.51.100.7");
  });
});

describe("TRUSTED_PROXY_HOPS", () => {
  it("is 0 when unset or empty, else the whole number given", () => {
    expect(trustedProxyHops(env())).toBe(0);
    expect(trustedProxyHops(env({ TRUSTED_PROXY_HOPS: " " }))).toBe(0);
    expect(trustedProxyHops(env({ TRUSTED_PROXY_HOPS: "2" }))).toBe(2);
  });

  it.each(["one", "-1", "1.5", "11", "0x1"])("refuses %j with a message naming the variable", (value) => {
    expect(() => trustedProxyHops(env({ TRUSTED_PROXY_HOPS: value }))).toThrow(
      `TRUSTED_PROXY_HOPS must be a whole number from 0 to 10 (the proxies in front of the console); it is "${value}".`,
    );
  });
});

describe("wholeNumberFromEnv", () => {
  const range = { min: 1, max: 100 };
  it("falls back when unset or blank and reads a whole number in range", () => {
    expect(wholeNumberFromEnv("LIMIT", 7, range, env())).toBe(7);
    expect(wholeNumberFromEnv("LIMIT", 7, range, env({ LIMIT: "  " }))).toBe(7);
    expect(wholeNumberFromEnv("LIMIT", 7, range, env({ LIMIT: "42" }))).toBe(42);
  });

  it.each(["ten", "10s", "-5", "0", "101", "3.0", "1e2", "99999999999999999999"])("refuses %j instead of turning the limit off", (value) => {
    expect(() => wholeNumberFromEnv("LIMIT", 7, range, env({ LIMIT: value }))).toThrow(`LIMIT must be a whole number from 1 to 100; it is "${value}".`);
  });
});
