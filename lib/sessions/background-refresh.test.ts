import { describe, expect, it } from "vitest";
import { isBackgroundRefresh } from "./background-refresh";

const request = (url: string, headers: Record<string, string>) => ({ url, headers: new Headers(headers) });

describe("isBackgroundRefresh", () => {
  it("is true for an RSC request of the page on screen (router.refresh)", () => {
    expect(isBackgroundRefresh(request("http://c.test/apps/a1?_rsc=x1", { rsc: "1", referer: "http://c.test/apps/a1" }))).toBe(true);
    expect(isBackgroundRefresh(request("http://c.test/users?q=a&page=2&_rsc=z", { rsc: "1", referer: "http://c.test/users?page=2&q=a" }))).toBe(true);
  });

  it("is false for a navigation to another page or query, a document load and a server action", () => {
    expect(isBackgroundRefresh(request("http://c.test/apps?_rsc=x", { rsc: "1", referer: "http://c.test/users" }))).toBe(false);
    expect(isBackgroundRefresh(request("http://c.test/users?q=b&_rsc=x", { rsc: "1", referer: "http://c.test/users?q=a" }))).toBe(false);
    expect(isBackgroundRefresh(request("http://c.test/users", { referer: "http://c.test/users" }))).toBe(false);
    expect(isBackgroundRefresh(request("http://c.test/users", { "next-action": "abc", referer: "http://c.test/users" }))).toBe(false);
    expect(isBackgroundRefresh(request("http://c.test/users?_rsc=x", { rsc: "1" }))).toBe(false);
    expect(isBackgroundRefresh(request("http://c.test/users?_rsc=x", { rsc: "1", referer: "not a url" }))).toBe(false);
  });
});
