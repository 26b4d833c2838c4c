// Slot on the app page: changes held by the mass-change brake, with Release / Cancel for admins.
import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { listPendingHolds } from "@/lib/provisioning/holds/list-holds";
import { HoldActions } from "./hold-actions";

/** One banner per held change; renders nothing when nothing is held. */
export async function HoldsBanner({ appId, canWrite }: { appId: string; canWrite: boolean }) {
  const holds = await listPendingHolds(appId);
  if (holds.length === 0) return null;
  return (
    <section aria-label="Held changes" className="mb-6 space-y-3">
      {holds.map((hold) => (
        <div key={hold.id} role="alert" className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-300">
          <p className="font-medium">
            Held by the mass-change brake: {hold.summary}
          </p>
          <p className="mt-1">
            {hold.causedBy} made a change that would deprovision more than {hold.threshold.toLocaleString("en-US")} accounts, so its{" "}
            {hold.jobCount.toLocaleString("en-US")} operations wait (<LocalTime iso={hold.createdAt} />). Release sends them to {hold.appName}; Cancel drops them.
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-3">
            <Link href={`/apps/${appId}/holds/${hold.id}`} className="font-medium text-indigo-700 hover:underline">
              See the affected users
            </Link>
            {canWrite ? <HoldActions appId={appId} hold={{ id: hold.id, summary: hold.summary, jobCount: hold.jobCount, appName: hold.appName }} /> : null}
          </div>
        </div>
      ))}
    </section>
  );
}
