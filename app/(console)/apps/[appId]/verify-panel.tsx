"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { LocalTime } from "@/components/ui/local-time";
import { useToast } from "@/components/ui/toast";
import type { AppDetail } from "@/lib/apps/types";
import { verifyAppAction } from "../actions";
import { HealthBadge } from "../health-badge";

/** Verify Credentials and what the last check found: health, the capability report and the stored capabilities. */
export function VerifyPanel({ app, canConnect }: { app: AppDetail; canConnect: boolean }) {
  const [pending, startTransition] = useTransition();
  const [lines, setLines] = useState<string[] | null>(null);
  const [error, setError] = useState<string | undefined>();
  const toast = useToast();
  const verify = () =>
    startTransition(async () => {
      const result = await verifyAppAction(app.id);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setError(result.data.health === "connected" ? undefined : (result.data.healthMessage ?? "The app did not accept the connection."));
      setLines(result.data.report);
      if (result.data.health === "connected") toast("Connected: the app accepted the credentials.");
    });
  const report = lines && lines.length > 0 ? lines : app.capabilityReport;
  return (
    <section aria-labelledby="verify-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h2 id="verify-heading" className="text-base font-semibold text-slate-900">
            Connection
          </h2>
          <p className="mt-1 flex items-center gap-2 text-sm text-slate-600">
            <span data-testid="app-health">
              <HealthBadge health={app.health} />
            </span>
            <span>
              Last verified: <LocalTime iso={app.verifiedAt} empty="never" />
            </span>
          </p>
        </div>
        {canConnect ? (
          <Button variant="secondary" onClick={verify} disabled={pending}>
            {pending ? "Verifying…" : "Verify Credentials"}
          </Button>
        ) : null}
      </div>
      <FormMessage message={error} />
      {report.length > 0 ? (
        <div>
          <h3 className="text-sm font-medium text-slate-800">Capability report</h3>
          <ul aria-label="Capability report" className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
            {report.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-sm text-slate-600">No capabilities known yet: Verify Credentials asks the app what it supports.</p>
      )}
      {app.capabilities ? (
        <details>
          <summary className="cursor-pointer text-sm text-indigo-700">Stored capabilities (JSON)</summary>
          <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-3 text-xs text-slate-800">{JSON.stringify(app.capabilities, null, 2)}</pre>
        </details>
      ) : null}
    </section>
  );
}
