import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScimStandIn, type ScimStandIn } from ".";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

function call(app: ScimStandIn, method: string, path: string, body?: unknown, token = app.token) {
  return fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/scim+json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

describe("SCIM stand-in (RFC mode)", () => {
  let app: ScimStandIn;
  beforeAll(async () => {
    app = await startScimStandIn();
  });
  afterAll(() => app.close());

  it("answers 401 with an RFC error body without the right bearer token", async () => {
    const response = await call(app, "GET", "/Users", undefined, "nope");
    expect(response.status).toBe(401);
    expect(await json(response)).toEqual({ schemas: [ERROR], status: "401", detail: "Authorization failure" });
  });

  it("logs requests without the Authorization header", async () => {
    await call(app, "GET", "/Users?count=1");
    const last = app.requests.at(-1);
    expect(last).toMatchObject({ method: "GET", path: "/Users", query: { count: "1" } });
    expect(last?.headers).not.toHaveProperty("authorization");
  });

  it.each([
    ["a foreign schema", { schemas: ["urn:example:Thing"], userName: "x" }, "invalidSyntax"],
    ["a missing userName", { schemas: [USER], displayName: "No Name" }, "invalidValue"],
    ["active as a string", { schemas: [USER], userName: "str", active: "yes" }, "invalidValue"],
  ])("rejects a user with %s (400 %s)", async (_label, body, scimType) => {
    const response = await call(app, "POST", "/Users", body);
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ status: "400", scimType });
  });

  it("rejects malformed JSON, a bad filter and a bad PATCH path", async () => {
    const malformed = await fetch(`${app.baseUrl}/Users`, { method: "POST", headers: { Authorization: `Bearer ${app.token}` }, body: "{" });
    expect(await json(malformed)).toMatchObject({ status: "400", scimType: "invalidSyntax" });
    const badFilter = await call(app, "GET", `/Users?filter=${encodeURIComponent('userName zz "a"')}`);
    expect(await json(badFilter)).toMatchObject({ status: "400", scimType: "invalidFilter" });
    const created = await json(await call(app, "POST", "/Users", { schemas: [USER], userName: "patch.target" }));
    const badPath = await call(app, "PATCH", `/Users/${created.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "nope", value: 1 }] });
    expect(await json(badPath)).toMatchObject({ status: "400", scimType: "invalidPath" });
  });

  it("keeps userName unique regardless of case (409 uniqueness)", async () => {
    await call(app, "POST", "/Users", { schemas: [USER], userName: "Unique.One" });
    const response = await call(app, "POST", "/Users", { schemas: [USER], userName: "unique.one" });
    expect(response.status).toBe(409);
    expect(await json(response)).toMatchObject({ status: "409", scimType: "uniqueness" });
  });

  it("frees a userName when its user is renamed or deleted, and lets a user keep its own", async () => {
    const first = await json(await call(app, "POST", "/Users", { schemas: [USER], userName: "rename.me" }));
    expect((await call(app, "PUT", `/Users/${first.id}`, { schemas: [USER], userName: "Rename.Me", displayName: "Same name" })).status).toBe(200);
    expect((await call(app, "PUT", `/Users/${first.id}`, { schemas: [USER], userName: "renamed" })).status).toBe(200);
    expect((await call(app, "POST", "/Users", { schemas: [USER], userName: "rename.me" })).status).toBe(201);
    expect((await call(app, "POST", "/Users", { schemas: [USER], userName: "RENAMED" })).status).toBe(409);
    expect((await call(app, "DELETE", `/Users/${first.id}`)).status).toBe(204);
    expect((await call(app, "POST", "/Users", { schemas: [USER], userName: "renamed" })).status).toBe(201);
  });

  it("matches filters with escaped quotes case-insensitively, and 201 carries a Location", async () => {
    const response = await call(app, "POST", "/Users", { schemas: [USER], userName: 'Q"uote\\Slash' });
    expect(response.status).toBe(201);
    const created = await json(response);
    expect(response.headers.get("location")).toBe(`${app.baseUrl}/Users/${created.id}`);
    const list = await json(await call(app, "GET", `/Users?filter=${encodeURIComponent('userName eq "q\\"uote\\\\slash"')}`));
    expect(list).toMatchObject({ totalResults: 1, Resources: [{ id: created.id }] });
  });

  it("accepts Entra's capitalised ops and string booleans on PATCH", async () => {
    const created = await json(await call(app, "POST", "/Users", { schemas: [USER], userName: "entra.user" }));
    const response = await call(app, "PATCH", `/Users/${created.id}`, { schemas: [PATCH], Operations: [{ op: "Replace", path: "active", value: "False" }] });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ active: false });
  });

  it("refuses group members that do not exist", async () => {
    const response = await call(app, "POST", "/Groups", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "Ghosts",
      members: [{ value: "no-such-user" }],
    });
    expect(response.status).toBe(400);
  });

  it("answers 404 outside the SCIM base path", async () => {
    const response = await fetch(app.baseUrl.replace("/scim/v2", "/ServiceProviderConfig"), { headers: { Authorization: `Bearer ${app.token}` } });
    expect(response.status).toBe(404);
  });

  it("holds a request open under a timeout fault until the client aborts", async () => {
    app.setFault({ type: "timeout" });
    const started = Date.now();
    const outcome = await fetch(`${app.baseUrl}/Users`, { headers: { Authorization: `Bearer ${app.token}` }, signal: AbortSignal.timeout(150) }).catch(
      (e: unknown) => (e as Error).name,
    );
    expect(outcome).toBe("TimeoutError");
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe("SCIM stand-in (Slack mode)", () => {
  let slack: ScimStandIn;
  beforeAll(async () => {
    slack = await startScimStandIn({ slack: true });
  });
  afterAll(() => slack.close());

  const user = (userName: string, email: string) => ({ schemas: [USER], userName, emails: [{ value: email, primary: true }] });

  it("lowercases userName, replaces other characters and answers with application/json", async () => {
    const response = await call(slack, "POST", "/Users", user("Jane Doe!", "jane@s.test"));
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await json(response)).toMatchObject({ userName: "jane_doe_", externalId: "" });
  });

  it("refuses a userName over 21 characters with Slack's error body", async () => {
    const response = await call(slack, "POST", "/Users", user("a".repeat(22), "long@s.test"));
    expect(await json(response)).toEqual({ schemas: [ERROR], detail: "username_too_long", status: 400 });
  });

  it("only deactivates on DELETE, answers 204 again, and then refuses the email with email_taken", async () => {
    const created = await json(await call(slack, "POST", "/Users", user("gone", "gone@s.test")));
    expect((await call(slack, "DELETE", `/Users/${created.id}`)).status).toBe(204);
    expect((await call(slack, "DELETE", `/Users/${created.id}`)).status).toBe(204);
    expect(slack.users().find((u) => u.id === created.id)?.active).toBe(false);
    const again = await call(slack, "POST", "/Users", user("gone2", "GONE@s.test"));
    expect(again.status).toBe(409);
    expect(await json(again)).toEqual({ schemas: [ERROR], detail: "email_taken", status: 409 });
  });

  it("refuses manager.value, as Slack wants managerId", async () => {
    const response = await call(slack, "POST", "/Users", {
      ...user("managed", "managed@s.test"),
      schemas: [USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { manager: { value: "W1" } },
    });
    expect(await json(response)).toMatchObject({ detail: "improper_enterprise_schema_format", status: 400 });
  });
});

describe("SCIM stand-in (no PATCH mode)", () => {
  it("says patch.supported=false and answers PATCH with 501", async () => {
    const app = await startScimStandIn({ patch: false });
    try {
      expect(await json(await call(app, "GET", "/ServiceProviderConfig"))).toMatchObject({ patch: { supported: false } });
      const created = await json(await call(app, "POST", "/Users", { schemas: [USER], userName: "nopatch" }));
      const response = await call(app, "PATCH", `/Users/${created.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "active", value: false }] });
      expect(response.status).toBe(501);
    } finally {
      await app.close();
    }
  });
});
