"use client";

import { useActionState, useEffect } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import type { AppPacingView } from "@/lib/apps/update-app-pacing";
import { updateAppPacingAction } from "./pacing-actions";

const n = (v: number) => v.toLocaleString("en-US");

/** Writes per minute, burst and requests at once; a blank field uses the kind's default (shown in its hint). */
export function PacingSettingsForm({ appId, pacing, canWrite }: { appId: string; pacing: AppPacingView; canWrite: boolean }) {
  const [state, formAction, pending] = useActionState(updateAppPacingAction.bind(null, appId), null);
  const toast = useToast();
  useEffect(() => {
    if (state?.ok) toast(state.data.changed ? (state.message ?? "Saved.") : "No changes to save.");
  }, [state, toast]);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const value = (key: string, stored: number | null) => failed?.values?.[key] ?? (stored === null ? "" : String(stored));
  const d = pacing.defaults;
  const source = pacing.kind === "slack" ? "Slack's published SCIM limit on user writes" : "the generic SCIM default";
  return (
    <form action={formAction} className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" noValidate aria-label="Pacing">
      <FormMessage message={failed?.message} />
      <fieldset className="space-y-4" disabled={!canWrite}>
        <legend className="text-base font-semibold text-slate-900">Pacing</legend>
        <p className="text-sm text-slate-600">
          How fast the console writes to this app, shared by every worker process. Leave a field blank for {source}. When the app answers 429 with Retry-After, every request to it waits that long.
        </p>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label="Writes per minute" name="perMinute" inputMode="numeric" defaultValue={value("perMinute", pacing.perMinute)} error={errors.perMinute} hint={`Blank: ${n(d.perMinute)}.`} />
          <TextField label="Burst" name="burst" inputMode="numeric" defaultValue={value("burst", pacing.burst)} error={errors.burst} hint={`Writes sent at once after a quiet spell. Blank: ${n(d.burst)}.`} />
          <TextField label="Requests at once" name="maxConcurrency" inputMode="numeric" defaultValue={value("maxConcurrency", pacing.maxConcurrency)} error={errors.maxConcurrency} hint={`Jobs in flight across all workers. Blank: ${n(d.maxConcurrency)}.`} />
        </div>
      </fieldset>
      {canWrite ? (
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save pacing"}
        </Button>
      ) : null}
    </form>
  );
}
