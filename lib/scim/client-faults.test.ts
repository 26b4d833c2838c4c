import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { closedPort } from "@/test/scim-standin/closed-port";
import { ScimClient } from "./client";
import { ScimError } from "./errors";
import { USER_SCHEMA } from "./types";

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as ScimError);

describe("ScimClient failures against the stand-in", () => {
  let app: ScimStandIn;
  let client: ScimClient;
  beforeAll(async () => {
    app = await startScimStandIn();
    client = new ScimClient({ baseUrl: app.baseUrl, token: app.token, timeoutMs: 300 });
  });
  afterEach(() => app.clearFaults());
  afterAll(() => app.close());

  it("turns the next two 500s into retryable errors, then succeeds", async () => {
    app.setFault({ type: "serverError", count: 2 });
    for (let i = 0; i < 2; i++) {
      expect(await failure(client.listUsers())).toMatchObject({ reason: "server", httpStatus: 500, retryable: true });
    }
    expect((await client.listUsers()).resources).toEqual([]);
  });

  it("reads Retry-After seconds on a 429", async () => {
    app.setFault({ type: "rateLimit", retryAfter: 3 });
    const error = await failure(client.getServiceProviderConfig());
    expect(error).toMatchObject({ reason: "rate-limited", httpStatus: 429, retryable: true, retryAfterMs: 3000 });
    expect(error?.message).toBe("The app is limiting the request rate (HTTP 429). The console will retry after 3 s.");
  });

  it("reads a Retry-After HTTP date on a 503", async () => {
    app.setFault({ type: "serverError", status: 503, retryAfter: new Date(Date.now() + 60_000).toUTCString() });
    const error = await failure(client.listUsers());
    expect(error).toMatchObject({ httpStatus: 503, retryable: true });
    expect(error?.retryAfterMs).toBeGreaterThan(55_000);
    expect(error?.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it("turns a request that never answers into a retryable timeout", async () => {
    app.setFault({ type: "timeout" });
    const error = await failure(client.findUserByUserName("slow"));
    expect(error).toMatchObject({ reason: "timeout", retryable: true, timeoutMs: 300 });
  });

  it("treats a 404 on a query as no match", async () => {
    app.setFault({ type: "notFound", match: { method: "GET", path: "/Users" } });
    expect(await client.findUserByUserName("ghost")).toBeNull();
  });

  it("surfaces a forced 409 on create as a uniqueness conflict", async () => {
    app.setFault({ type: "conflictOnCreate" });
    const error = await failure(client.createUser({ schemas: [USER_SCHEMA], userName: "dupe" }));
    expect(error).toMatchObject({ reason: "uniqueness", scimType: "uniqueness", httpStatus: 409, retryable: false });
  });

  it("answers 401 with a plain message that never contains the token", async () => {
    const secret = "xoxp-very-secret-token-123456";
    const wrong = new ScimClient({ baseUrl: app.baseUrl, token: secret });
    const error = await failure(wrong.listUsers());
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ reason: "unauthorized", httpStatus: 401, retryable: false });
    expect(error?.message).toBe("The app rejected the credentials (HTTP 401). Check the token, then Verify Credentials again.");
    for (const text of [error?.message, error?.stack, JSON.stringify(error)]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(app.token);
    }
  });

  it("slows down with latency and times out when it exceeds the limit", async () => {
    const slow = await startScimStandIn({ latencyMs: 400 });
    try {
      const impatient = new ScimClient({ baseUrl: slow.baseUrl, token: slow.token, timeoutMs: 100 });
      expect(await failure(impatient.listUsers())).toMatchObject({ reason: "timeout" });
    } finally {
      await slow.close();
    }
  });
});

describe("ScimClient transport failures", () => {
  it("explains a closed port as connection refused, naming the host only", async () => {
    const port = await closedPort();
    const client = new ScimClient({ baseUrl: `http://127.0.0.1:${port}/scim/v2`, token: "tok-abcdef" });
    const error = await failure(client.listUsers());
    expect(error).toMatchObject({ reason: "network", causeCode: "ECONNREFUSED", retryable: true });
    expect(error?.message).toBe(
      `Could not reach the app at 127.0.0.1:${port}: connection refused. Check the SCIM base URL and that the app is up.`,
    );
  });

  it("explains certificate problems as TLS failures", async () => {
    const tlsFetch: typeof fetch = async () => {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("certificate has expired"), { code: "CERT_HAS_EXPIRED" }) });
    };
    const client = new ScimClient({ baseUrl: "https://scim.example.com/scim/v2", token: "tok-abcdef", fetch: tlsFetch });
    const error = await failure(client.listUsers());
    expect(error).toMatchObject({ reason: "tls", retryable: false, host: "scim.example.com" });
    expect(error?.message).toMatch(/^Could not open a secure connection to scim\.example\.com: its certificate has expired\./);
  });

  it("refuses a base URL that is not http(s)", async () => {
    const client = new ScimClient({ baseUrl: "scim.example.com/v2", token: "tok-abcdef" });
    expect(await failure(client.listUsers())).toMatchObject({ reason: "invalid-url", retryable: false });
  });

  it("redacts the token when an app echoes it in an error", async () => {
    const token = "echoed-token-998877";
    const echo: typeof fetch = async () =>
      new Response(JSON.stringify({ status: "400", detail: `bad header Bearer ${token}` }), { status: 400 });
    const error = await failure(new ScimClient({ baseUrl: "https://a.test/scim/v2", token, fetch: echo }).listUsers());
    expect(error?.detail).toBe("bad header Bearer [redacted]");
    expect(error?.message).not.toContain(token);
  });

  it("accepts text/json replies and string counts", async () => {
    const body = { schemas: [], totalResults: "1", itemsPerPage: "1", startIndex: "1", Resources: [{ id: "u1", userName: "a" }] };
    const textJson: typeof fetch = async () => new Response(JSON.stringify(body), { headers: { "Content-Type": "text/json" } });
    const page = await new ScimClient({ baseUrl: "https://a.test/scim/v2", token: "tok-abcdef", fetch: textJson }).listUsers();
    expect(page).toEqual({ totalResults: 1, itemsPerPage: 1, startIndex: 1, resources: [{ id: "u1", userName: "a" }] });
  });

  it("rejects a web page where SCIM JSON was expected", async () => {
    const html: typeof fetch = async () => new Response("<html></html>", { headers: { "Content-Type": "text/html" } });
    const error = await failure(new ScimClient({ baseUrl: "https://a.test/", token: "tok-abcdef", fetch: html }).listUsers());
    expect(error).toMatchObject({ reason: "invalid-response" });
  });
});
