import { describe, expect, it } from "vitest";
import { startStandInProcess } from "@/bench/processes";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";

describe("SCIM stand-in as its own process (benchmarks)", () => {
  it("serves SCIM, enforces its rate limit and reports what it counted when it stops", async () => {
    const standIn = await startStandInProcess({ slack: true, rateLimit: { perMinute: 6, burst: 2 } });
    const post = (userName: string) =>
      fetch(`${standIn.baseUrl}/Users`, {
        method: "POST",
        headers: { Authorization: `Bearer ${standIn.token}`, "Content-Type": "application/scim+json" },
        body: JSON.stringify({ schemas: [USER], userName, emails: [{ value: `${userName}@example.com`, primary: true }], active: true }),
      });
    const statuses = [];
    for (const name of ["ada", "grace", "edsger"]) statuses.push((await post(name)).status);
    const lookup = await fetch(`${standIn.baseUrl}/Users?filter=${encodeURIComponent('userName eq "ada"')}`, { headers: { Authorization: `Bearer ${standIn.token}` } });

    const stats = await standIn.stop();

    expect(statuses).toEqual([201, 201, 429]);
    expect(lookup.status).toBe(200);
    expect(stats).toMatchObject({ requests: 4, userWrites: 3, limited: 1, users: 2 });
    expect(stats.lastUserWriteAt).toBeGreaterThanOrEqual(stats.firstUserWriteAt ?? Infinity);
    expect(stats.peakRssMb).toBeGreaterThan(0);
    await expect(fetch(`${standIn.baseUrl}/Users`)).rejects.toThrow();
    expect(await standIn.stop()).toBe(stats);
  });
});
