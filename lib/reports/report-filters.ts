// The Provisioning Report's filters, read from the URL. A hand-edited link never crashes the page and never
// widens into "everything": bad values fall back to a bounded default and say so in `problems`.
import { z } from "zod";

export const REPORT_OUTCOMES = ["success", "failed", "retrying", "skipped", "pending_approval", "approved", "denied"] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];
export const OUTCOME_LABELS: Record<ReportOutcome, string> = {
  success: "Success",
  failed: "Failed",
  retrying: "Retrying",
  skipped: "Skipped",
  pending_approval: "Pending approval",
  approved: "Approved",
  denied: "Denied",
};

export const REPORT_ACTIONS = ["create", "update", "deactivate", "reactivate", "delete", "group_push", "group_delete", "link"] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];
export const ACTION_LABELS: Record<ReportAction, string> = {
  create: "Create",
  update: "Update",
  deactivate: "Deactivate",
  reactivate: "Reactivate",
  delete: "Delete",
  group_push: "Group push",
  group_delete: "Group delete",
  link: "Link existing account",
};

/** Timespan presets in hours; "custom" reads from/to. */
export const REPORT_SPANS = { "1h": 1, "24h": 24, "7d": 7 * 24, "30d": 30 * 24 } as const;
export type ReportSpan = keyof typeof REPORT_SPANS | "custom";
export const SPAN_LABELS: Record<ReportSpan, string> = {
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  custom: "Custom range",
};

export const DEFAULT_SPAN = "24h";
/** Longest search text kept; longer input is cut and the page says so. */
export const MAX_USER_TEXT = 100;
/** Longest custom range: the default event retention. */
export const MAX_RANGE_DAYS = 400;
const MAX_APPS = 50;
const HOUR = 3_600_000;

/** The report's filters as lib takes them: always a bounded time window. */
export type ReportFilters = {
  user: string;
  apps: string[];
  statuses: ReportOutcome[];
  actions: ReportAction[];
  span: ReportSpan;
  from: Date;
  to: Date;
};

export type RawParams = Record<string, string | string[] | undefined>;

function all(raw: RawParams, key: string): string[] {
  const value = raw[key];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  // Both ?status=a&status=b and ?status=a,b work; the app names may hold commas, so they are not split.
  return list.flatMap((v) => (key === "app" ? [v] : v.split(","))).map((v) => v.trim()).filter(Boolean);
}

function one(raw: RawParams, key: string): string | undefined {
  const value = raw[key];
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v.trim() === "" ? undefined : v.trim();
}

// Full ISO 8601 instants only (with a zone), so "2026-13-45" or "yesterday" never parse by accident.
const instant = z.iso.datetime({ offset: true, local: false });

function parseInstant(value: string | undefined): Date | null {
  if (!value || value.length > 40 || !instant.safeParse(value).success) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function pickKnown<T extends string>(values: string[], known: readonly T[], what: string, problems: string[]): T[] {
  const ok = values.filter((v): v is T => (known as readonly string[]).includes(v));
  const unknown = values.filter((v) => !(known as readonly string[]).includes(v));
  if (unknown.length > 0) problems.push(`Ignored unknown ${what} ${unknown.map((v) => `"${v.slice(0, 40)}"`).join(", ")}.`);
  return [...new Set(ok)];
}

/** Reads the report's filters (user, app, span, from, to, status, action) from searchParams; `now` anchors presets. */
export function parseReportFilters(raw: RawParams, now = new Date()): { filters: ReportFilters; problems: string[] } {
  const problems: string[] = [];
  let user = one(raw, "user") ?? "";
  if (user.length > MAX_USER_TEXT) {
    problems.push(`End user identifier is limited to ${MAX_USER_TEXT} characters; searched for its first ${MAX_USER_TEXT}.`);
    user = user.slice(0, MAX_USER_TEXT).trim();
  }
  let apps = [...new Set(all(raw, "app").map((a) => a.slice(0, 200)))];
  if (apps.length > MAX_APPS) {
    problems.push(`At most ${MAX_APPS} applications can be chosen at once; kept the first ${MAX_APPS}.`);
    apps = apps.slice(0, MAX_APPS);
  }
  const statuses = pickKnown(all(raw, "status"), REPORT_OUTCOMES, "status", problems);
  const actions = pickKnown(all(raw, "action"), REPORT_ACTIONS, "action", problems);

  const spanRaw = one(raw, "span") ?? (one(raw, "from") || one(raw, "to") ? "custom" : DEFAULT_SPAN);
  let span: ReportSpan = spanRaw in REPORT_SPANS || spanRaw === "custom" ? (spanRaw as ReportSpan) : DEFAULT_SPAN;
  if (span !== spanRaw) problems.push(`Unknown timespan "${spanRaw.slice(0, 20)}"; showing the last 24 hours.`);
  let from = new Date(now.getTime() - REPORT_SPANS[DEFAULT_SPAN] * HOUR);
  let to = now;
  if (span === "custom") {
    const f = parseInstant(one(raw, "from"));
    const t = parseInstant(one(raw, "to"));
    if (!f || !t) {
      problems.push("The custom range needs a valid start and end date and time; showing the last 24 hours.");
      span = DEFAULT_SPAN;
    } else {
      [from, to] = f <= t ? [f, t] : [t, f];
      if (f > t) problems.push("The range's start was after its end; the two were swapped.");
      if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 24 * HOUR) {
        from = new Date(to.getTime() - MAX_RANGE_DAYS * 24 * HOUR);
        problems.push(`A range covers at most ${MAX_RANGE_DAYS} days (events are kept that long); the start was moved.`);
      }
    }
  } else {
    from = new Date(now.getTime() - REPORT_SPANS[span] * HOUR);
  }
  return { filters: { user, apps, statuses, actions, span, from, to }, problems };
}

/** The URL query of a filter set (the inverse of parseReportFilters), for links and the export. */
export function reportQuery(filters: ReportFilters): URLSearchParams {
  const q = new URLSearchParams();
  if (filters.user) q.set("user", filters.user);
  for (const app of filters.apps) q.append("app", app);
  q.set("span", filters.span);
  if (filters.span === "custom") {
    q.set("from", filters.from.toISOString());
    q.set("to", filters.to.toISOString());
  }
  for (const s of filters.statuses) q.append("status", s);
  for (const a of filters.actions) q.append("action", a);
  return q;
}
