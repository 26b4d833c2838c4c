// Slot on the app page (Sync & conflicts tab): Sync now with progress, recent runs, the conflicts list.
import { tablePage } from "@/components/data-table/table-page";
import { LocalTime } from "@/components/ui/local-time";
import { parseListParams } from "@/lib/list-params";
import { listConflicts, listRuns } from "@/lib/reconcile/list-sync";
import { SUMMARY_LABELS, type RunRow } from "@/lib/reconcile/types";
import { CONFLICT_SORT_KEYS } from "@/lib/schemas/reconcile";
import { ConflictsTable } from "./conflicts-table";
import { SyncNowPanel } from "./sync-now-panel";

const RUN_HISTORY = 10;

/** Words for a run's summary: "2 linked, 1 repaired, 1 conflict". */
function summaryText(run: RunRow): string {
  if (run.status === "failed") return run.error ?? "Failed.";
  if (run.status !== "succeeded") return run.status === "queued" ? "Waiting to start." : `Reading and comparing: ${run.processed} of ${run.total}.`;
  const parts = SUMMARY_LABELS.filter(([key]) => run.summary[key] > 0).map(([key, one, many]) => `${run.summary[key].toLocaleString("en-US")} ${run.summary[key] === 1 ? one : many}`);
  return parts.length > 0 ? `${parts.join(", ")}.` : "Nothing in the app or the directory to compare.";
}

/** Loads runs and conflicts by app id; the conflicts list pages, sorts and searches through the URL. */
export async function SyncTab({ appId, canWrite, raw }: { appId: string; canWrite: boolean; raw: Record<string, string | string[] | undefined> }) {
  const list = parseListParams(raw, { sortKeys: CONFLICT_SORT_KEYS, defaultSort: "createdAt", defaultDir: "desc" });
  const [runs, conflicts] = await Promise.all([listRuns(appId, RUN_HISTORY), listConflicts(appId, list)]);
  const latest = runs[0] ?? null;
  return (
    <div className="space-y-8">
      <SyncNowPanel appId={appId} canWrite={canWrite} latest={latest ? { id: latest.id, status: latest.status, total: latest.total, processed: latest.processed, text: summaryText(latest) } : null} />
      <section aria-labelledby="runs-heading" className="space-y-2">
        <h2 id="runs-heading" className="text-base font-semibold text-slate-900">
          Recent runs
        </h2>
        {runs.length === 0 ? (
          <p className="text-sm text-slate-600">No run yet. Sync now reads every account in the app and compares it with the directory; scheduled runs appear here too.</p>
        ) : (
          <table className="w-full text-left text-sm" aria-label={`Latest ${RUN_HISTORY} runs`}>
            <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-2 pr-4 font-medium">Started</th>
                <th className="py-2 pr-4 font-medium">By</th>
                <th className="py-2 pr-4 font-medium">Status</th>
                <th className="py-2 font-medium">Result</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} className="border-b border-slate-100 align-top">
                  <td className="py-2 pr-4 whitespace-nowrap">
                    <LocalTime iso={run.startedAt ?? run.createdAt} />
                  </td>
                  <td className="py-2 pr-4">{run.triggeredBy === "schedule" ? "Schedule" : run.triggeredBy}</td>
                  <td className="py-2 pr-4">{run.status}</td>
                  <td className={run.status === "failed" ? "py-2 text-red-800" : "py-2"}>{summaryText(run)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="conflicts-heading" className="space-y-2">
        <h2 id="conflicts-heading" className="text-base font-semibold text-slate-900">
          Conflicts
        </h2>
        <p className="text-sm text-slate-600">Directory users whose account in the app could not be matched for sure. Link the right account, create a new one, or skip.</p>
        <ConflictsTable appId={appId} canWrite={canWrite} page={tablePage(conflicts, list)} />
      </section>
    </div>
  );
}
