"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useHydrated } from "@/components/ui/local-time";
import type { ReportBucket } from "@/lib/reports/list-report-events";
import { OUTCOME_LABELS, REPORT_OUTCOMES, type ReportOutcome } from "@/lib/reports/report-filters";

const COLORS: Record<ReportOutcome, string> = {
  success: "#059669",
  failed: "#dc2626",
  retrying: "#d97706",
  skipped: "#94a3b8",
  pending_approval: "#6366f1",
  approved: "#0d9488",
  denied: "#7c3aed",
};

/** A bucket key ("2026-11-22T16" or "2026-11-22", UTC) as its start instant. */
function bucketStart(key: string): Date {
  return new Date(key.length > 10 ? `${key}:00:00Z` : `${key}T00:00:00Z`);
}

/**
 * Events over the timespan, stacked by outcome. SQL counts per UTC hour (or day for long ranges); the
 * browser regroups hours into the viewer's own hours or days, so bars follow the viewer's clock.
 */
export function ReportChart({ unit, buckets, spanHours }: { unit: "hour" | "day"; buckets: ReportBucket[]; spanHours: number }) {
  const hydrated = useHydrated();
  const byDay = unit === "day" || spanHours > 48;
  const timeZone = hydrated ? undefined : "UTC";
  const label = byDay
    ? new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone })
    : new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", timeZone });
  const groups = new Map<string, Record<string, number | string>>();
  for (const b of buckets) {
    const name = label.format(bucketStart(b.bucket));
    const group = groups.get(name) ?? { name };
    group[b.outcome] = Number(group[b.outcome] ?? 0) + b.count;
    groups.set(name, group);
  }
  const data = [...groups.values()];
  const present = REPORT_OUTCOMES.filter((o) => buckets.some((b) => b.outcome === o));
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  return (
    <figure className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 text-sm font-medium text-slate-700">
        Events per {byDay ? "day" : "hour"} by outcome ({total.toLocaleString("en-US")} in total{hydrated ? ", your time zone" : ", UTC"})
      </figcaption>
      <div className="h-56" role="img" aria-label={`Chart of ${total} events per ${byDay ? "day" : "hour"} by outcome`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={48} />
            <Tooltip />
            <Legend />
            {present.map((o) => (
              <Bar key={o} dataKey={o} name={OUTCOME_LABELS[o]} stackId="outcome" fill={COLORS[o]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
