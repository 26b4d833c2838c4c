import { describe, expect, it } from "vitest";
import { relyingPartyFor } from "./passkeys-relying-party";

const env = (values: Record<string, string>) => values as NodeJS.ProcessEnv;

describe("relyingPartyFor", () => {
  it.each([
    ["PUBLIC_URL's DNS host wins over the request", { PUBLIC_URL: "https://console.example.com" }, "evil.test:8080", "console.example.com", "https://console.example.com"],
    ["AUTH_URL when PUBLIC_URL is unset", { AUTH_URL: "https://id.example.org:8443/" }, "localhost:3000", "id.example.org", "https://id.example.org:8443"],
    ["PUBLIC_URL before AUTH_URL", { PUBLIC_URL: "https://a.example.com", AUTH_URL: "https://b.example.com" }, "x", "a.example.com", "https://a.example.com"],
    ["WEBAUTHN_RP_ID widens the RP ID to a parent domain", { WEBAUTHN_RP_ID: "Example.com", PUBLIC_URL: "https://console.example.com" }, "x", "example.com", "https://console.example.com"],
    ["the request's host when nothing is configured", {}, "localhost:3400", "localhost", "http://localhost:3400"],
    ["an IP in AUTH_URL falls back to the request's host (the e2e set-up)", { AUTH_URL: "http://127.0.0.1:3400" }, "localhost:3400", "localhost", "http://localhost:3400"],
    ["an IPv6 PUBLIC_URL falls back too", { PUBLIC_URL: "http://[::1]:3000" }, "console.internal:3000", "console.internal", "http://console.internal:3000"],
    ["an IP in WEBAUTHN_RP_ID is ignored", { WEBAUTHN_RP_ID: "10.0.0.5" }, "localhost:3000", "localhost", "http://localhost:3000"],
  ])("%s", (_name, values, host, id, origin) => {
    expect(relyingPartyFor({ host, secure: false }, env(values))).toEqual({ name: "Identity Console", id, origin });
  });

  it("uses https for the request's origin when the console is served over HTTPS", () => {
    expect(relyingPartyFor({ host: "console.local", secure: true }, env({}))).toMatchObject({ id: "console.local", origin: "https://console.local" });
  });

  it.each([
    ["a browser at an IP address, nothing configured", {}, "127.0.0.1:3000", "not an IP address (127.0.0.1)"],
    ["a browser at an IP address behind an IP AUTH_URL", { AUTH_URL: "http://10.1.2.3" }, "10.1.2.3", "not an IP address (10.1.2.3)"],
    ["no Host header", {}, null, "names no host"],
    ["a WEBAUTHN_RP_ID that is a URL", { WEBAUTHN_RP_ID: "https://example.com" }, "localhost", "WEBAUTHN_RP_ID must be a host name"],
    ["an origin outside WEBAUTHN_RP_ID", { WEBAUTHN_RP_ID: "example.com", PUBLIC_URL: "https://console.example.org" }, "x", "not within WEBAUTHN_RP_ID (example.com)"],
    ["a look-alike suffix", { WEBAUTHN_RP_ID: "example.com" }, "badexample.com", "not within WEBAUTHN_RP_ID"],
    ["a PUBLIC_URL that is not a URL", { PUBLIC_URL: "console.example.com" }, "x", "PUBLIC_URL / AUTH_URL is not a URL"],
  ])("refuses %s with a clear message", (_name, values, host, message) => {
    expect(() => relyingPartyFor({ host, secure: false }, env(values))).toThrow(message);
  });
});
