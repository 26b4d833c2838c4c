import { describe, expect, it } from "vitest";
import { describeScimError, parseRetryAfter, parseScimErrorBody, ScimError, scimErrorFromResponse } from "./errors";

const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

describe("parseScimErrorBody", () => {
  it("reads the RFC shape with status as a string", () => {
    expect(parseScimErrorBody({ schemas: [ERROR], status: "409", scimType: "uniqueness", detail: "userName taken" })).toEqual({
      status: 409,
      scimType: "uniqueness",
      detail: "userName taken",
    });
  });

  it("reads Slack's shape with a numeric status and a code in detail", () => {
    expect(parseScimErrorBody({ schemas: [ERROR], detail: "email_taken", status: 409 })).toEqual({
      status: 409,
      detail: "email_taken",
      slackCode: "email_taken",
    });
  });

  it("reads Slack's Errors shape and a code with a suffix", () => {
    expect(parseScimErrorBody({ Errors: { description: "username_not_allowed (user=jane)", code: 400 } })).toEqual({
      status: 400,
      detail: "username_not_allowed (user=jane)",
      slackCode: "username_not_allowed",
    });
  });

  it("returns nothing for bodies that are not error objects", () => {
    expect(parseScimErrorBody(undefined)).toEqual({});
    expect(parseScimErrorBody("Bad Gateway")).toEqual({});
  });
});

describe("parseRetryAfter", () => {
  it("reads delay seconds", () => {
    expect(parseRetryAfter("30")).toBe(30_000);
  });

  it("reads an HTTP date relative to now", () => {
    const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:45 GMT", now)).toBe(45_000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now)).toBe(0);
  });

  it("ignores missing or malformed values", () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("scimErrorFromResponse", () => {
  it.each([
    [401, undefined, "unauthorized", false],
    [403, undefined, "forbidden", false],
    [404, undefined, "not-found", false],
    [409, { status: "409", scimType: "uniqueness" }, "uniqueness", false],
    [400, { status: 400, scimType: "invalidFilter" }, "invalid-request", false],
    [429, undefined, "rate-limited", true],
    [500, undefined, "server", true],
    [503, undefined, "server", true],
    [501, undefined, "not-implemented", false],
  ] as const)("HTTP %i becomes %s", (status, body, reason, retryable) => {
    const error = scimErrorFromResponse({ status, body });
    expect(error.reason).toBe(reason);
    expect(error.retryable).toBe(retryable);
    expect(error.httpStatus).toBe(status);
  });

  it("maps Slack's username_taken on a 400 to a uniqueness conflict", () => {
    const error = scimErrorFromResponse({ status: 400, body: { detail: "username_taken", status: 400 } });
    expect(error.isUniquenessConflict).toBe(true);
    expect(error.scimType).toBe("uniqueness");
  });

  it("keeps Retry-After as milliseconds", () => {
    expect(scimErrorFromResponse({ status: 429, body: undefined, retryAfter: "7" }).retryAfterMs).toBe(7000);
  });
});

describe("describeScimError", () => {
  it.each([
    [{ reason: "unauthorized", httpStatus: 401 }, "The app rejected the credentials (HTTP 401). Check the token, then Verify Credentials again."],
    [
      { reason: "network", host: "scim.example.com", causeCode: "ECONNREFUSED" },
      "Could not reach the app at scim.example.com: connection refused. Check the SCIM base URL and that the app is up.",
    ],
    [
      { reason: "tls", host: "scim.example.com", causeCode: "CERT_HAS_EXPIRED" },
      "Could not open a secure connection to scim.example.com: its certificate has expired. Check that the app's certificate is valid for this host name and not expired, or correct the SCIM base URL.",
    ],
    [{ reason: "rate-limited", httpStatus: 429, retryAfterMs: 30_000 }, "The app is limiting the request rate (HTTP 429). The console will retry after 30 s."],
    [
      { reason: "timeout", timeoutMs: 15_000, operation: "GET /Users" },
      "The app did not answer within 15 s at /Users. The console will retry; if this keeps happening, check that the app is up.",
    ],
  ] as const)("explains %o", (init, message) => {
    const error = new ScimError(init);
    expect(error.message).toBe(message);
    expect(describeScimError(error)).toBe(message);
  });

  it("names the class in the stack", () => {
    expect(new ScimError({ reason: "server", httpStatus: 500 }).stack).toMatch(/^ScimError: The app had a server error/);
  });
});
