import type { PolicyImpact } from "@/lib/policies/preview-policy-impact";
import { countLabel, IMPACT_ORDER, impactLine } from "@/lib/policies/impact-text";

/** The per-app effect of a change: "Slack: 120 creates, 3 deactivations", with the affected users per operation. */
export function ImpactPreview({ impact }: { impact: PolicyImpact }) {
  if (impact.summaries.length === 0) return <p className="text-sm text-slate-600">No accounts change.</p>;
  return (
    <ul className="space-y-3" aria-label="Impact by app">
      {impact.summaries.map((summary) => (
        <li key={summary.appId}>
          <p className="text-sm font-medium text-slate-900">{impactLine(summary)}</p>
          {IMPACT_ORDER.filter((op) => summary.counts[op] > 0).map((op) => {
            const sample = summary.samples[op];
            const more = summary.counts[op] - sample.length;
            return (
              <details key={op} className="mt-1 text-sm text-slate-700">
                <summary className="cursor-pointer">Users: {countLabel(op, summary.counts[op])}</summary>
                <ul className="mt-1 ml-4 list-disc">
                  {sample.map((u) => (
                    <li key={u.userId}>{u.userName}</li>
                  ))}
                </ul>
                {more > 0 ? <p className="ml-4 text-slate-500">and {more.toLocaleString("en-US")} more</p> : null}
              </details>
            );
          })}
        </li>
      ))}
    </ul>
  );
}
