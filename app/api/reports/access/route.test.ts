import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedApp } from "@/lib/provisioning/test-support";
import { asRole, insertUser } from "@/test/factories";
import { GET } from "./route";

const get = (query: string) => GET(new Request(`http://console.test/api/reports/access?${query}`));

describe("GET /api/reports/access", () => {
  it("streams the accounts active at the time as CSV, matching the search, with formulas neutralised", async () => {
    const app = await seedApp({ baseUrl: "https://scim.example.test/scim/v2", token: "unused-token" });
    const plain = await insertUser({ firstName: "Plain" });
    const risky = await insertUser({ firstName: "Risky" });
    await db.provisioningEvent.createMany({
      data: [
        { appId: app.id, appName: app.name, userId: plain.id, userIdentifier: plain.userName, action: "create", outcome: "success", message: "ok", at: new Date("2026-03-01T00:00:00Z") },
        { appId: app.id, appName: app.name, userId: risky.id, userIdentifier: `@SUM(1)${risky.userName}`, action: "link", outcome: "success", message: "ok", at: new Date("2026-03-02T00:00:00Z") },
      ],
    });
    const response = await asRole("auditor", () => get(`app=${app.id}&at=2026-03-05T00:00:00.000Z`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="access-App_[^"]+-2026-03-05T00-00-00-000Z\.csv"$/);
    const rows = Papa.parse<string[]>(await response.text(), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(["App", "Active at (UTC)", "User identifier", "Display name", "Email", "In directory", "Active since (UTC)", "User id"]);
    expect(rows.slice(1).sort((a, b) => a[7].localeCompare(b[7]))).toEqual(
      [
        [app.name, "2026-03-05T00:00:00.000Z", plain.userName, plain.displayName, plain.email, "yes", "2026-03-01T00:00:00.000Z", plain.id],
        [app.name, "2026-03-05T00:00:00.000Z", `'@SUM(1)${risky.userName}`, risky.displayName, risky.email, "yes", "2026-03-02T00:00:00.000Z", risky.id],
      ].sort((a, b) => a[7].localeCompare(b[7])),
    );
    const searched = await asRole("auditor", () => get(`app=${app.id}&at=2026-03-05T00:00:00.000Z&q=plain`));
    expect(Papa.parse<string[]>(await searched.text(), { skipEmptyLines: true }).data.map((r) => r[7])).toEqual(["User id", plain.id]);
  });

  it.each([
    ["an unknown app", "app=nope&at=2026-03-05T00:00:00Z", "That app does not exist (it may have been disconnected). Choose an app from the list."],
    ["no app", "at=2026-03-05T00:00:00Z", "Choose an app: add ?app=<app id>&at=<ISO time> to the address."],
  ])("answers 400 with a clear message for %s", async (_name, query, message) => {
    const response = await asRole("auditor", () => get(query));
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(message);
  });

  it("answers 400 for a malformed time", async () => {
    const app = await seedApp({ baseUrl: "https://scim.example.test/scim/v2", token: "unused-token" });
    const response = await asRole("auditor", () => get(`app=${app.id}&at=31/12/2026`));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("not a valid date and time");
  });
});
