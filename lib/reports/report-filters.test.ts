import { describe, expect, it } from "vitest";
import { parseReportFilters, reportQuery } from "./report-filters";

const NOW = new Date("2026-11-22T12:00:00.000Z");
const DAY = 24 * 3_600_000;

describe("parseReportFilters", () => {
  it("defaults to the last 24 hours with no other filter", () => {
    const { filters, problems } = parseReportFilters({}, NOW);
    expect(filters).toEqual({ user: "", apps: [], statuses: [], actions: [], span: "24h", from: new Date(NOW.getTime() - DAY), to: NOW });
    expect(problems).toEqual([]);
  });

  it.each([
    ["a malformed date", { span: "custom", from: "2026-13-45T00:00:00Z", to: "2026-11-22T00:00:00Z" }, "The custom range needs a valid start and end date and time; showing the last 24 hours."],
    ["a date without a time zone", { from: "2026-11-20T00:00", to: "2026-11-22T00:00" }, "The custom range needs a valid start and end date and time; showing the last 24 hours."],
    ["words for a date", { span: "custom", from: "yesterday", to: "now" }, "The custom range needs a valid start and end date and time; showing the last 24 hours."],
    ["an unknown timespan", { span: "forever" }, 'Unknown timespan "forever"; showing the last 24 hours.'],
  ])("falls back to the last 24 hours for %s, and says so", (_name, raw, message) => {
    const { filters, problems } = parseReportFilters(raw, NOW);
    expect(problems).toEqual([message]);
    expect(filters.span).toBe("24h");
    expect(filters.to.getTime() - filters.from.getTime()).toBe(DAY);
  });

  it("swaps a reversed range and clamps one longer than 400 days", () => {
    const reversed = parseReportFilters({ from: "2026-11-22T00:00:00Z", to: "2026-11-01T00:00:00+01:00" }, NOW);
    expect(reversed.filters).toMatchObject({ span: "custom", from: new Date("2026-10-31T23:00:00Z"), to: new Date("2026-11-22T00:00:00Z") });
    expect(reversed.problems).toEqual(["The range's start was after its end; the two were swapped."]);
    const long = parseReportFilters({ from: "2000-01-01T00:00:00Z", to: "2026-11-22T00:00:00Z" }, NOW);
    expect(long.filters.from).toEqual(new Date(new Date("2026-11-22T00:00:00Z").getTime() - 400 * DAY));
    expect(long.problems).toEqual(["A range covers at most 400 days (events are kept that long); the start was moved."]);
  });

  it("drops unknown statuses and actions, keeps known ones, and accepts repeated or comma-separated values", () => {
    const { filters, problems } = parseReportFilters({ status: ["failed,bogus", "denied"], action: "group_push,drop_table" }, NOW);
    expect(filters.statuses).toEqual(["failed", "denied"]);
    expect(filters.actions).toEqual(["group_push"]);
    expect(problems).toEqual(['Ignored unknown status "bogus".', 'Ignored unknown action "drop_table".']);
  });

  it("cuts over-long search text to 100 characters and keeps app names with commas whole", () => {
    const { filters, problems } = parseReportFilters({ user: `  ${"a".repeat(5000)}  `, app: ["Acme, Inc.", "Slack"] }, NOW);
    expect(filters.user).toBe("a".repeat(100));
    expect(problems).toEqual(["End user identifier is limited to 100 characters; searched for its first 100."]);
    expect(filters.apps).toEqual(["Acme, Inc.", "Slack"]);
  });

  it("round-trips through the URL query", () => {
    const raw = { user: "ana", app: ["A", "B"], span: "custom", from: "2026-11-01T00:00:00.000Z", to: "2026-11-02T00:00:00.000Z", status: ["failed"], action: ["update"] };
    const { filters } = parseReportFilters(raw, NOW);
    const q = reportQuery(filters);
    const again = parseReportFilters(Object.fromEntries([...new Set(q.keys())].map((k) => [k, q.getAll(k)])), NOW);
    expect(again.filters).toEqual(filters);
  });
});
