import type { ImpactSummary } from "@/lib/provisioning/types";
import { USER_OPERATIONS, type UserOperation } from "@/lib/provisioning/types";

const NOUNS: Record<UserOperation, [string, string]> = {
  create: ["create", "creates"],
  update: ["update", "updates"],
  deactivate: ["deactivation", "deactivations"],
  reactivate: ["reactivation", "reactivations"],
  delete: ["deletion", "deletions"],
};

/** "Slack: 120 creates, 3 deactivations", or that nothing would change. */
export function impactLine(summary: ImpactSummary): string {
  const parts = USER_OPERATIONS.filter((op) => summary.counts[op] > 0).map(
    (op) => `${summary.counts[op].toLocaleString("en-US")} ${NOUNS[op][summary.counts[op] === 1 ? 0 : 1]}`,
  );
  return `${summary.appName}: ${parts.join(", ")}`;
}

/** The impact preview of a change: one line per app and the first affected users per operation. */
export function ImpactList({ impact }: { impact: ImpactSummary[] }) {
  if (impact.length === 0) return <p className="text-sm text-slate-700">No accounts change.</p>;
  return (
    <ul aria-label="Impact" className="space-y-2 text-sm text-slate-800">
      {impact.map((summary) => (
        <li key={summary.appId}>
          <p className="font-medium">{impactLine(summary)}</p>
          {USER_OPERATIONS.filter((op) => summary.samples[op].length > 0).map((op) => (
            <p key={op} className="text-xs text-slate-600">
              {NOUNS[op][1]}: {summary.samples[op].map((u) => u.userName).join(", ")}
              {summary.counts[op] > summary.samples[op].length ? ", …" : ""}
            </p>
          ))}
        </li>
      ))}
    </ul>
  );
}
