// Slot on the app page: queue depth and an ETA from the app's effective rate ("Slack: 1,200 queued, about 7 min").
import { LocalTime } from "@/components/ui/local-time";
import { getQueueSummary } from "@/lib/provisioning/pacing/queue-summary";

const n = (v: number) => v.toLocaleString("en-US");

/** "about 7 min", "about 2 h 5 min", "under a minute". */
export function describeEta(seconds: number): string {
  if (seconds < 60) return "under a minute";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `about ${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
}

/** Queued, running and failed jobs of the app and how long the queue takes at its pacing. */
export async function QueueSummary({ appId }: { appId: string }) {
  const q = await getQueueSummary(appId);
  if (!q) return null;
  const idle = q.queued === 0 && q.running === 0;
  return (
    <section aria-label="Provisioning queue" className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700">
      <p>
        <span className="font-medium text-slate-900">{q.appName}:</span>{" "}
        {idle ? "nothing queued; changes are sent as they happen." : `${n(q.queued)} queued, ${describeEta(q.etaSeconds)}`}
        {!idle ? <span className="text-slate-500"> (at {n(q.perMinute)} writes a minute)</span> : null}
      </p>
      <p className="text-slate-600">
        {n(q.running)} running · {n(q.failed)} failed{q.held > 0 ? ` · ${n(q.held)} held by the brake` : ""}
        {q.failed > 0 ? (
          <>
            {" "}
            — <a className="text-indigo-700 underline" href={`/apps/${appId}?tab=events`}>Recent events</a> say why; Retry them from the user&apos;s page.
          </>
        ) : null}
      </p>
      {q.pausedUntil ? (
        <p className="text-amber-800">
          The app asked the console to slow down (Retry-After): requests wait until <LocalTime iso={q.pausedUntil} />.
        </p>
      ) : null}
    </section>
  );
}
