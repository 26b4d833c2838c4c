"use client";

import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import type { AppDetail } from "@/lib/apps/types";
import { APP_NAME_MAX, APP_URL_MAX } from "@/lib/schemas/app";
import { updateAppSettingsAction } from "../actions";

/** Name, SCIM base URL and Replace token; an empty token field keeps the stored token. */
export function SettingsForm({ app, canWrite, canConnect }: { app: AppDetail; canWrite: boolean; canConnect: boolean }) {
  const [state, formAction, pending] = useActionState(updateAppSettingsAction.bind(null, app.id), null);
  const toast = useToast();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!state?.ok) return;
    const tokenInput = form.current?.elements.namedItem("token");
    if (tokenInput instanceof HTMLInputElement) tokenInput.value = "";
    if (state.data.verified && state.data.health !== "connected") toast(state.data.healthMessage ?? "Saved, but the app did not accept the connection.", "error");
    else toast(state.data.verified ? "Settings saved and verified." : (state.message ?? "Settings saved."));
  }, [state, toast]);
  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  // secretHint says only "set" for short tokens, where four characters would give too much away.
  const stored = app.credentialsHint && app.credentialsHint !== "set" ? `Set, ${app.credentialsHint}.` : "Set.";
  const hint = app.credentialsHint ? `${stored} Leave empty to keep it.` : "No token stored yet.";
  return (
    <section aria-labelledby="settings-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="settings-heading" className="mb-4 text-base font-semibold text-slate-900">
        Settings
      </h2>
      <form ref={form} action={formAction} className="space-y-4" noValidate>
        <FormMessage message={state && !state.ok ? state.message : undefined} />
        <TextField label="Name" name="name" required maxLength={APP_NAME_MAX} disabled={!canWrite} defaultValue={values?.name ?? app.name} error={errors?.name} />
        <TextField
          label="SCIM base URL"
          name="baseUrl"
          type="url"
          required
          maxLength={APP_URL_MAX}
          disabled={!canWrite}
          defaultValue={values?.baseUrl ?? app.baseUrl}
          hint="Changing it verifies the connection again."
          error={errors?.baseUrl}
        />
        {app.credentialKind !== "bearer" ? (
          <p className="text-sm text-slate-600">The SCIM token comes from the OAuth connection (Credentials, below).</p>
        ) : canConnect ? (
          <TextField label="Replace token" name="token" type="password" autoComplete="new-password" hint={hint} error={errors?.token} />
        ) : (
          <p className="text-sm text-slate-600">Bearer token: {app.credentialsHint ? `set, ${app.credentialsHint}` : "not set"}.</p>
        )}
        {canWrite ? (
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save settings"}
          </Button>
        ) : null}
      </form>
    </section>
  );
}
