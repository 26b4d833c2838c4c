import { LocalTime } from "@/components/ui/local-time";
import { quarantineStatus } from "@/lib/provisioning/quarantine";
import { ResumeButton } from "./resume-button";

/** Slot on the app page: why the app is quarantined, since when, how many jobs wait, and Resume for admins. */
export async function QuarantineBanner({ appId, canWrite }: { appId: string; canWrite: boolean }) {
  const status = await quarantineStatus(appId);
  if (!status) return null;
  const waiting = `${status.waiting.toLocaleString("en-US")} job${status.waiting === 1 ? "" : "s"}`;
  return (
    <section role="alert" aria-labelledby="quarantine-heading" data-testid="quarantine-banner" className="flex items-start justify-between gap-4 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <div className="space-y-1 text-sm text-amber-900">
        <h2 id="quarantine-heading" className="font-semibold">
          Provisioning is paused: this app is quarantined
        </h2>
        <p>{status.message}</p>
        <p>
          Since <LocalTime iso={status.quarantinedAt.toISOString()} />; {waiting} waiting in its queue, in order. Nothing is lost: they run when the app resumes.
        </p>
      </div>
      {canWrite ? <ResumeButton appId={appId} waiting={status.waiting} /> : null}
    </section>
  );
}
