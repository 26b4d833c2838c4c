"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import { syncNowAction } from "./reconcile-actions";

type Latest = { id: string; status: string; total: number; processed: number; text: string } | null;

const POLL_MS = 1_000;

/** Sync now, and the latest run's progress: the page refreshes itself while a run is queued or running. */
export function SyncNowPanel({ appId, canWrite, latest }: { appId: string; canWrite: boolean; latest: Latest }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | undefined>();
  const active = latest?.status === "queued" || latest?.status === "running";
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [active, router]);
  const sync = () =>
    start(async () => {
      const result = await syncNowAction(appId);
      setError(result.ok ? undefined : result.message);
      if (result.ok) {
        toast(result.data.alreadyRunning ? "A sync is already under way; showing its progress." : "Sync started.");
        router.refresh();
      }
    });
  const percent = latest && latest.total > 0 ? Math.min(100, Math.round((latest.processed / latest.total) * 100)) : 0;
  return (
    <section aria-labelledby="sync-heading" className="max-w-2xl space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="sync-heading" className="text-base font-semibold text-slate-900">
        Sync now
      </h2>
      <p className="text-sm text-slate-600">
        Reads every account in the app, links existing accounts to directory users (by userName, then email), repairs values changed in the app, and
        creates missing accounts. Ambiguous matches go to the conflicts list below.
      </p>
      <FormMessage message={error} />
      {active ? (
        <div className="space-y-1" aria-live="polite">
          <p className="text-sm text-slate-800">{latest?.status === "queued" ? "Sync is waiting to start…" : `Syncing: ${latest?.processed ?? 0} of ${latest?.total ?? 0} compared`}</p>
          <progress className="h-2 w-full" max={100} value={percent} aria-label="Sync progress">
            {percent}%
          </progress>
        </div>
      ) : latest ? (
        <p className="text-sm text-slate-800" aria-live="polite">
          Last run: <span className={latest.status === "failed" ? "text-red-800" : undefined}>{latest.text}</span>
        </p>
      ) : null}
      {canWrite ? (
        <Button onClick={sync} disabled={pending || active}>
          {active ? "Sync running…" : pending ? "Starting…" : "Sync now"}
        </Button>
      ) : null}
    </section>
  );
}
