import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { unique, asRole } from "@/test/factories";
import { listReportEvents, reportBuckets } from "./list-report-events";
import { loadReport } from "./load-report";
import { parseReportFilters, type RawParams } from "./report-filters";
import { reportRowsForExport } from "./export-report";
import { eventUserSearch } from "@/lib/provisioning/event-search";

const HOUR = 3_600_000;
const NOW = new Date("2026-11-22T12:00:00.000Z");
const page = (n = 1, pageSize = 25, dir: "asc" | "desc" = "desc") => ({ page: n, pageSize, sort: "at" as const, dir, q: "" });

type EventSeed = { app: string; user?: { userName: string; email?: string; displayName?: string }; at: Date; outcome?: string; action?: string; message?: string };

/** Inserts events as the worker writes them (userSearch from userName, email and display name). */
async function seed(events: EventSeed[]): Promise<string[]> {
  const ids: string[] = [];
  for (const e of events) {
    const user = e.user ?? { userName: unique("u") };
    const row = await db.provisioningEvent.create({
      data: {
        at: e.at,
        appName: e.app,
        userIdentifier: user.userName,
        userSearch: eventUserSearch(user.userName, user),
        action: e.action ?? "create",
        outcome: e.outcome ?? "success",
        message: e.message ?? "Created",
      },
    });
    ids.push(row.id);
  }
  return ids;
}

/** The filtered ids, newest first, as an auditor sees them. */
function ids(raw: RawParams, now = NOW, p = page()) {
  return asRole("auditor", async () => (await listReportEvents(parseReportFilters(raw, now).filters, p)).map((r) => r.id));
}

describe("report query", () => {
  it("finds an end user by part of the userName, email or display name, case-insensitively", async () => {
    const app = unique("App ");
    const tag = unique("x");
    const [ana, bo] = await seed([
      { app, user: { userName: `ana.${tag}`, email: `ana.lopez@${tag}.test`, displayName: "Ana López" }, at: new Date(NOW.getTime() - HOUR) },
      { app, user: { userName: `bo.${tag}`, email: `bo@${tag}.test`, displayName: "Bo Berg" }, at: new Date(NOW.getTime() - 2 * HOUR) },
    ]);
    expect(await ids({ app, user: `ANA.${tag}` })).toEqual([ana]);
    expect(await ids({ app, user: "lopez@" })).toEqual([ana]);
    expect(await ids({ app, user: "bo berg" })).toEqual([bo]);
    expect(await ids({ app, user: tag })).toEqual([ana, bo]);
    expect(await ids({ app, user: "nobody-like-this" })).toEqual([]);
  });

  it("treats % and _ in the search text literally", async () => {
    const app = unique("App ");
    const [pct] = await seed([
      { app, user: { userName: "100%_sure" }, at: new Date(NOW.getTime() - HOUR) },
      { app, user: { userName: "100xxsure" }, at: new Date(NOW.getTime() - HOUR) },
    ]);
    expect(await ids({ app, user: "100%_" })).toEqual([pct]);
    expect(await ids({ app, user: "%" })).toEqual([pct]);
    expect(await ids({ app, user: "_" })).toEqual([pct]);
    expect(await ids({ app, user: "\\" })).toEqual([]);
  });

  it("filters by one or several applications, statuses and actions, combined", async () => {
    const [a, b, c] = [unique("App "), unique("App "), unique("App ")];
    const at = new Date(NOW.getTime() - HOUR);
    const [aOk, aFail, bFail, bDeact] = await seed([
      { app: a, at, outcome: "success" },
      { app: a, at, outcome: "failed", action: "update" },
      { app: b, at, outcome: "failed" },
      { app: b, at, outcome: "success", action: "deactivate" },
      { app: c, at, outcome: "failed" },
    ]);
    expect(new Set(await ids({ app: [a, b] }))).toEqual(new Set([aOk, aFail, bFail, bDeact]));
    expect(new Set(await ids({ app: [a, b], status: "failed" }))).toEqual(new Set([aFail, bFail]));
    expect(await ids({ app: [a, b], status: "failed", action: "update" })).toEqual([aFail]);
    expect(new Set(await ids({ app: [a, b], action: ["deactivate", "update"] }))).toEqual(new Set([aFail, bDeact]));
    expect(await ids({ app: [a, b], status: "denied" })).toEqual([]);
  });

  it("keeps to the timespan: presets end now, custom ranges include both ends whatever the offset", async () => {
    const app = unique("App ");
    const [h2, d2, d10, d40] = await seed([
      { app, at: new Date(NOW.getTime() - 2 * HOUR) },
      { app, at: new Date(NOW.getTime() - 48 * HOUR) },
      { app, at: new Date(NOW.getTime() - 240 * HOUR) },
      { app, at: new Date(NOW.getTime() - 960 * HOUR) },
    ]);
    expect(await ids({ app, span: "1h" })).toEqual([]);
    expect(await ids({ app, span: "24h" })).toEqual([h2]);
    expect(await ids({ app, span: "7d" })).toEqual([h2, d2]);
    expect(await ids({ app, span: "30d" })).toEqual([h2, d2, d10]);
    expect(await ids({ app })).toEqual([h2]);
    // 10:00Z is 15:30 in India and 05:00 in New York: the same instant however the link writes it.
    expect(await ids({ app, span: "custom", from: "2026-11-22T15:30:00+05:30", to: "2026-11-22T15:30:00+05:30" })).toEqual([h2]);
    expect(await ids({ app, span: "custom", from: "2026-11-22T05:00:00.001-05:00", to: "2026-11-23T00:00:00Z" })).toEqual([]);
    expect(await ids({ app, span: "custom", from: "2026-11-01T00:00:00Z", to: "2026-11-22T04:59:59.999-05:00" })).toEqual([d2, d10]);
    // Longer than 400 days: the start moves to 400 days before the end.
    expect(await ids({ app, span: "custom", from: "2024-01-01T00:00:00Z", to: "2026-12-01T00:00:00Z" })).toEqual([h2, d2, d10, d40]);
    expect(await ids({ app, span: "custom", from: "2020-01-01T00:00:00Z", to: "2028-06-01T00:00:00Z" })).toEqual([]);
  });

  it("pages stably through rows with equal times, in both directions", async () => {
    const app = unique("App ");
    const at = new Date(NOW.getTime() - HOUR);
    const all = await seed(Array.from({ length: 23 }, () => ({ app, at })));
    for (const dir of ["desc", "asc"] as const) {
      const seen: string[] = [];
      for (let n = 1; n <= 3; n++) seen.push(...(await ids({ app }, NOW, page(n, 10, dir))));
      expect(seen).toHaveLength(23);
      expect(new Set(seen)).toEqual(new Set(all));
    }
    const desc = await ids({ app }, NOW, page(1, 25, "desc"));
    const asc = await ids({ app }, NOW, page(1, 25, "asc"));
    expect(desc).toEqual([...asc].reverse());
  });

  it("counts events per hour and outcome; the buckets add up to the total", async () => {
    const app = unique("App ");
    await seed([
      { app, at: new Date("2026-11-22T09:10:00Z"), outcome: "success" },
      { app, at: new Date("2026-11-22T09:50:00Z"), outcome: "success" },
      { app, at: new Date("2026-11-22T09:59:59.999Z"), outcome: "failed" },
      { app, at: new Date("2026-11-22T10:00:00Z"), outcome: "failed" },
    ]);
    const { filters } = parseReportFilters({ app }, NOW);
    const chart = await asRole("auditor", () => reportBuckets(filters));
    expect(chart.unit).toBe("hour");
    expect(chart.buckets).toEqual([
      { bucket: "2026-11-22T09", outcome: "failed", count: 1 },
      { bucket: "2026-11-22T09", outcome: "success", count: 2 },
      { bucket: "2026-11-22T10", outcome: "failed", count: 1 },
    ]);
    const long = parseReportFilters({ app, from: "2026-01-01T00:00:00Z", to: "2026-11-22T12:00:00Z" }, NOW).filters;
    const days = await asRole("auditor", () => reportBuckets(long));
    expect(days).toEqual({ unit: "day", buckets: [{ bucket: "2026-11-22", outcome: "failed", count: 2 }, { bucket: "2026-11-22", outcome: "success", count: 2 }] });
    const view = await asRole("auditor", () => loadReport({ app }, NOW));
    expect(view.page.total).toBe(4);
    expect(view.appNames).toContain(app);
  });

  it("exports every row of the filter across keyset batches, ties included, newest first", async () => {
    const app = unique("App ");
    const at = new Date(NOW.getTime() - HOUR);
    const rows = Array.from({ length: 2_100 }, (_, i) => ({
      at: i < 1_500 ? at : new Date(at.getTime() - 1000),
      appName: app,
      userIdentifier: `u${i}`,
      action: "create",
      outcome: "success",
      message: "Created",
    }));
    await db.provisioningEvent.createMany({ data: rows });
    await seed([{ app: unique("Other "), at }]);
    const { filters } = parseReportFilters({ app }, NOW);
    const exported: { id: string; at: string }[] = [];
    await asRole("auditor", async () => {
      for await (const row of reportRowsForExport(filters)) exported.push({ id: row.id, at: row.at });
    });
    expect(exported).toHaveLength(2_100);
    expect(new Set(exported.map((r) => r.id)).size).toBe(2_100);
    const keys = exported.map((r) => `${r.at}|${r.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
  });

  it("says what it ignored for unknown apps, and keeps them as a filter that matches nothing", async () => {
    const app = unique("App ");
    await seed([{ app, at: new Date(NOW.getTime() - HOUR) }]);
    const view = await asRole("auditor", () => loadReport({ app: "No Such App", status: "bogus" }, NOW));
    expect(view.page.rows).toEqual([]);
    expect(view.page.total).toBe(0);
    expect(view.problems).toEqual(['Ignored unknown status "bogus".', 'No application is named "No Such App", and no event mentions one.']);
  });
});
