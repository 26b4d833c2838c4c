import type { Metadata } from "next";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "@/lib/page-guard";
import { getEventStorage, getRetentionStatus } from "@/lib/reports/retention";
import { RetentionForm } from "./retention-form";

export const metadata: Metadata = { title: "Data retention" };

export default async function RetentionPage() {
  await pageActor("settings:write");
  const [status, storage] = await Promise.all([getRetentionStatus(), getEventStorage()]);
  const purge = status.lastPurge;
  return (
    <>
      <PageHeader
        title="Data retention"
        description="How long provisioning events (the Provisioning Report's rows) are kept. Older events are deleted by a daily purge that runs with the provisioning worker."
      />
      <RetentionForm key={status.days} days={status.days} />
      <dl className="mt-8 grid max-w-2xl grid-cols-1 gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="font-medium text-slate-700">Current setting</dt>
        <dd data-testid="retention-current">
          {status.days} days{status.isDefault ? " (default)" : status.updatedBy ? `, set by ${status.updatedBy}` : ""}
        </dd>
        <dt className="font-medium text-slate-700">Oldest event kept</dt>
        <dd>{storage.oldest ? <LocalTime iso={storage.oldest} /> : "No events yet"}</dd>
        <dt className="font-medium text-slate-700">Events stored</dt>
        <dd>{storage.count.toLocaleString("en-US")}</dd>
        <dt className="font-medium text-slate-700">Last purge</dt>
        <dd>
          {purge ? (
            <>
              <LocalTime iso={purge.at} />: deleted {purge.deleted.toLocaleString("en-US")} events older than <LocalTime iso={purge.cutoff} />
            </>
          ) : (
            "Not run yet. It runs once a day while the provisioning worker is running."
          )}
        </dd>
      </dl>
      <p className="mt-4 max-w-2xl text-xs text-slate-500">
        The purge keeps each account&apos;s last state change (create, link, reactivate, deactivate or delete) even when it is older, so
        Access at a point in time can still tell who holds an account that was created long ago.
      </p>
    </>
  );
}
