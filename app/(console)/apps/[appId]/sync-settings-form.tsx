"use client";

import { useActionState, useEffect } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import type { SyncSettingsView } from "@/lib/reconcile/sync-settings";
import { updateSyncSettingsAction } from "./reconcile-actions";

const SOURCE_LABELS: Record<string, string> = {
  firstName: "First name",
  lastName: "Last name",
  displayName: "Display name",
  title: "Title",
  department: "Department",
  phone: "Phone",
  employeeNumber: "Employee number",
};

/** Brake (enabled, percent, minimum), reconciliation interval and per-attribute "adopt the app's value". */
export function SyncSettingsForm({ appId, settings, canWrite }: { appId: string; settings: SyncSettingsView; canWrite: boolean }) {
  const [state, formAction, pending] = useActionState(updateSyncSettingsAction.bind(null, appId), null);
  const toast = useToast();
  useEffect(() => {
    if (state?.ok) toast(state.data.changed ? (state.message ?? "Saved.") : "No changes to save.");
  }, [state, toast]);
  const failed = state && !state.ok ? state : null;
  const value = (key: string, fallback: string | number) => failed?.values?.[key] ?? String(fallback);
  const adoptChosen = new Set(settings.adoptAttributes);
  const errors = failed?.fieldErrors ?? {};
  return (
    <form action={formAction} className="max-w-2xl space-y-6 rounded-lg border border-slate-200 bg-white p-5" noValidate aria-label="Mass-change brake and reconciliation">
      <FormMessage message={failed?.message} />
      <fieldset className="space-y-4" disabled={!canWrite}>
        <legend className="text-base font-semibold text-slate-900">Mass-change brake</legend>
        <div className="flex gap-3">
          <input id="brakeEnabled" type="checkbox" name="brakeEnabled" defaultChecked={failed ? failed.values?.brakeEnabled === "on" : settings.brakeEnabled} className="mt-1 size-4" aria-describedby="brakeEnabled-hint" />
          <div>
            <label htmlFor="brakeEnabled" className="text-sm font-medium text-slate-800">
              Hold big deprovisioning changes
            </label>
            <p id="brakeEnabled-hint" className="text-xs text-slate-500">
              A change that would deactivate or delete more accounts than the limit below waits for an admin to release or cancel it.
            </p>
          </div>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Percent of accounts" name="brakePercent" inputMode="numeric" defaultValue={value("brakePercent", settings.brakePercent)} error={errors.brakePercent} hint="Hold when more than this share of the app's accounts would go (default 20)." required />
          <TextField label="Minimum number of accounts" name="brakeMinimum" inputMode="numeric" defaultValue={value("brakeMinimum", settings.brakeMinimum)} error={errors.brakeMinimum} hint="Never hold a change of this many accounts or fewer (default 10)." required />
        </div>
      </fieldset>
      <fieldset className="space-y-4" disabled={!canWrite}>
        <legend className="text-base font-semibold text-slate-900">Reconciliation</legend>
        <TextField
          label="Reconciliation interval (hours)"
          name="reconcileIntervalHours"
          inputMode="numeric"
          defaultValue={value("reconcileIntervalHours", settings.reconcileIntervalHours)}
          error={errors.reconcileIntervalHours}
          hint="A full Sync runs on its own this often (default 24; 0 turns it off)."
          required
        />
        <div role="group" aria-labelledby="adopt-legend" aria-describedby="adopt-hint" className="space-y-2">
          <p id="adopt-legend" className="text-sm font-medium text-slate-700">
            Adopt the app&apos;s value for
          </p>
          <p id="adopt-hint" className="text-xs text-slate-500">
            For these attributes the app is the source of truth: Sync copies its value into the directory instead of overwriting it.
          </p>
          {settings.adoptable.length === 0 ? <p className="text-sm text-slate-600">The mapping has no attribute that can be adopted.</p> : null}
          <div className="grid gap-2 sm:grid-cols-2">
            {settings.adoptable.map((a) => (
              <label key={a.path} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="adoptAttributes" value={a.path} defaultChecked={adoptChosen.has(a.path)} className="size-4" />
                {SOURCE_LABELS[a.source] ?? a.source} <span className="font-mono text-xs text-slate-500">{a.path}</span>
              </label>
            ))}
          </div>
          {errors.adoptAttributes ? <p className="text-xs text-red-700">{errors.adoptAttributes.join(" ")}</p> : null}
        </div>
      </fieldset>
      {canWrite ? (
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save brake and reconciliation"}
        </Button>
      ) : null}
    </form>
  );
}
