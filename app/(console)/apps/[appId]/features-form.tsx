"use client";

import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import type { AppDetail } from "@/lib/apps/types";
import type { AppFeatures, ImpactSummary } from "@/lib/provisioning/types";
import { previewFeaturesImpactAction, updateAppFeaturesAction } from "../actions";
import { ImpactList } from "./impact-summary";

const FEATURES: { key: keyof AppFeatures; label: string; hint: string }[] = [
  { key: "createUsers", label: "Create users", hint: "Users who come into scope get an account (an existing one is found and linked)." },
  { key: "updateUsers", label: "Update users", hint: "Changed attributes are sent to the app." },
  { key: "deactivateUsers", label: "Deactivate users", hint: "Users who leave scope or are deactivated lose access." },
  { key: "deleteUsers", label: "Delete users", hint: "Deleted users' accounts are deleted where the app deletes." },
  { key: "pushGroups", label: "Push groups", hint: "Groups of the app's policies are created in the app with their members." },
];

/** Provisioning features (checkboxes) and the deprovision mode (radio). */
export function FeaturesForm({ app, canWrite }: { app: AppDetail; canWrite: boolean }) {
  const [state, formAction, pending] = useActionState(updateAppFeaturesAction.bind(null, app.id), null);
  const toast = useToast();
  const form = useRef<HTMLFormElement>(null);
  const [impact, setImpact] = useState<ImpactSummary[] | null>(null);
  const [previewError, setPreviewError] = useState<string | undefined>();
  const [previewing, startPreview] = useTransition();
  useEffect(() => {
    if (state?.ok) toast(state.data.changed ? (state.message ?? "Saved.") : "No changes to save.");
  }, [state, toast]);
  // Shows what saving would do to the app's accounts, before anything is saved.
  const preview = () =>
    startPreview(async () => {
      if (!form.current) return;
      const result = await previewFeaturesImpactAction(app.id, new FormData(form.current));
      setPreviewError(result.ok ? undefined : result.message);
      setImpact(result.ok ? result.data : null);
    });
  return (
    <form ref={form} action={formAction} onChange={() => setImpact(null)} className="max-w-2xl space-y-6 rounded-lg border border-slate-200 bg-white p-5" noValidate>
      <FormMessage message={state && !state.ok ? state.message : undefined} />
      <fieldset className="space-y-3" disabled={!canWrite}>
        <legend className="text-base font-semibold text-slate-900">Provisioning features</legend>
        {FEATURES.map((f) => (
          <div key={f.key} className="flex gap-3">
            <input id={`feature-${f.key}`} type="checkbox" name={f.key} defaultChecked={app.features[f.key]} className="mt-1 size-4" aria-describedby={`feature-${f.key}-hint`} />
            <div>
              <label htmlFor={`feature-${f.key}`} className="text-sm font-medium text-slate-800">
                {f.label}
              </label>
              <p id={`feature-${f.key}-hint`} className="text-xs text-slate-500">
                {f.hint}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <fieldset className="space-y-2" disabled={!canWrite}>
        <legend className="text-base font-semibold text-slate-900">When a user leaves scope</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="deprovisionMode" value="deactivate" defaultChecked={app.deprovisionMode === "deactivate"} className="size-4" />
          Deactivate the account (it can come back)
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="deprovisionMode" value="delete" defaultChecked={app.deprovisionMode === "delete"} className="size-4" />
          Delete the account
        </label>
      </fieldset>
      {impact ? (
        <section aria-label="Impact preview" className="rounded-md bg-slate-50 p-3">
          <ImpactList impact={impact} />
        </section>
      ) : null}
      <FormMessage message={previewError} />
      {canWrite ? (
        <div className="flex gap-2">
          <Button variant="secondary" onClick={preview} disabled={previewing}>
            {previewing ? "Checking…" : "Preview impact"}
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save provisioning features"}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
