import { afterEach, describe, expect, it } from "vitest";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { closedPort } from "@/test/scim-standin/closed-port";
import { ScimClient } from "./client";
import { verifyConnection } from "./verify";

let app: ScimStandIn | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe("verifyConnection", () => {
  it("reports capabilities of a full SCIM app", async () => {
    app = await startScimStandIn();
    const result = await verifyConnection(new ScimClient({ baseUrl: app.baseUrl, token: app.token }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.capabilities).toMatchObject({ patch: true, filter: true, groups: true, maxResults: 200, bulk: false });
    expect(result.report).toContain("PATCH: supported; changes are sent as small updates.");
    expect(app.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /ServiceProviderConfig",
      "GET /ResourceTypes",
      "GET /Users",
    ]);
    expect(app.requests[2].query).toMatchObject({ count: "1" });
  });

  it("discovers an app without PATCH and without ResourceTypes", async () => {
    app = await startScimStandIn({ patch: false, resourceTypes: false });
    const result = await verifyConnection(new ScimClient({ baseUrl: app.baseUrl, token: app.token }));
    expect(result).toMatchObject({ ok: true, capabilities: { patch: false, groups: true } });
    if (result.ok) expect(result.report).toContain("PATCH: not supported; changes are sent as full replacements (PUT).");
  });

  it("follows Slack v1's /ServiceProviderConfigs spelling", async () => {
    app = await startScimStandIn({ serviceProviderConfigPath: "/ServiceProviderConfigs" });
    const result = await verifyConnection(new ScimClient({ baseUrl: app.baseUrl, token: app.token }));
    expect(result.ok).toBe(true);
  });

  it("explains an invalid token from the stand-in", async () => {
    app = await startScimStandIn();
    const result = await verifyConnection(new ScimClient({ baseUrl: app.baseUrl, token: "wrong-token" }));
    expect(result).toMatchObject({
      ok: false,
      step: "serviceProviderConfig",
      message: "The app rejected the credentials (HTTP 401). Check the token, then Verify Credentials again.",
    });
  });

  it.each([
    [401, "The app rejected the credentials (HTTP 401). Check the token, then Verify Credentials again."],
    [
      403,
      "The app refused these credentials access to /Users (HTTP 403). Use a token of an app admin that may manage users, then Verify Credentials again.",
    ],
    [404, "The app answered 404 at /Users: the SCIM base URL is probably wrong; it usually ends in /scim/v2."],
    [
      500,
      "The app had a server error (HTTP 500) at /Users. The console will retry shortly; if it persists, check the app's status page.",
    ],
  ])("explains HTTP %i on /Users (discovery open, users protected)", async (status, message) => {
    const discoveryOnly: typeof fetch = async (input) => {
      const url = String(input);
      if (url.endsWith("/ServiceProviderConfig")) return Response.json({ patch: { supported: true } });
      if (url.endsWith("/ResourceTypes")) return Response.json({ Resources: [] });
      return new Response(JSON.stringify({ status: String(status) }), { status });
    };
    const result = await verifyConnection(new ScimClient({ baseUrl: "https://a.test/scim/v2", token: "t0ken-x", fetch: discoveryOnly }));
    expect(result).toMatchObject({ ok: false, step: "users", message });
  });

  it("explains a wrong base path", async () => {
    app = await startScimStandIn();
    const wrongBase = app.baseUrl.replace("/scim/v2", "/api");
    const result = await verifyConnection(new ScimClient({ baseUrl: wrongBase, token: app.token }));
    expect(result).toMatchObject({
      ok: false,
      message: "The app answered 404 at /ServiceProviderConfig: the SCIM base URL is probably wrong; it usually ends in /scim/v2.",
    });
  });

  it("explains an unreachable host", async () => {
    const port = await closedPort();
    const result = await verifyConnection(new ScimClient({ baseUrl: `http://127.0.0.1:${port}/scim/v2`, token: "t0ken-x" }));
    expect(result).toMatchObject({
      ok: false,
      message: `Could not reach the app at 127.0.0.1:${port}: connection refused. Check the SCIM base URL and that the app is up.`,
    });
  });

  it("explains an invalid URL", async () => {
    const result = await verifyConnection(new ScimClient({ baseUrl: "not a url", token: "t0ken-x" }));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/^The SCIM base URL is not a valid http\(s\) URL/) });
  });
});
