"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";
import { useToast } from "@/components/ui/toast";
import { APP_KIND_LABELS, APP_NAME_MAX, APP_URL_MAX, CREDENTIAL_KIND_LABELS, type CredentialKind } from "@/lib/schemas/app";
import { createAppWithCredentialsAction } from "./create-actions";

/** Add app: kind, name, SCIM base URL (Slack's prefilled) and the credential: a bearer token or an OAuth connection made next. */
export function AppCreateForm({ slackUrl }: { slackUrl: string }) {
  const [state, formAction, pending] = useActionState(createAppWithCredentialsAction, null);
  const toast = useToast();
  // Submitting through the action prop would reset the form, blanking these controlled inputs after an error.
  const submit = submitKeepingValues(formAction);
  const router = useRouter();
  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const [kind, setKind] = useState(values?.kind ?? "slack");
  const [baseUrl, setBaseUrl] = useState(values?.baseUrl ?? slackUrl);
  const [credentialKind, setCredentialKind] = useState<CredentialKind>((values?.credentialKind as CredentialKind | undefined) ?? "bearer");
  const kinds = (Object.keys(CREDENTIAL_KIND_LABELS) as CredentialKind[]).filter((k) => k !== "slack_oauth" || kind === "slack");

  useEffect(() => {
    if (state?.ok) {
      toast(state.message ?? "App added.");
      router.push(`/apps/${state.data.id}`);
    }
  }, [state, toast, router]);

  const changeKind = (next: string) => {
    setKind(next);
    // Slack's SCIM API lives at one address; a generic app's is the admin's to enter.
    if (next === "slack" && baseUrl === "") setBaseUrl(slackUrl);
    if (next === "scim" && baseUrl === slackUrl) setBaseUrl("");
    if (next !== "slack" && credentialKind === "slack_oauth") setCredentialKind("oauth2");
  };

  return (
    <form onSubmit={submit} className="max-w-xl space-y-4" noValidate>
      <FormMessage message={state && !state.ok ? state.message : undefined} />
      <SelectField label="Kind" name="kind" value={kind} onChange={(e) => changeKind(e.target.value)} error={errors?.kind}>
        {Object.entries(APP_KIND_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <TextField label="Name" name="name" required maxLength={APP_NAME_MAX} autoComplete="off" defaultValue={values?.name ?? ""} error={errors?.name} />
      <TextField
        label="SCIM base URL"
        name="baseUrl"
        type="url"
        required
        maxLength={APP_URL_MAX}
        autoComplete="off"
        value={baseUrl}
        onChange={(e) => setBaseUrl(e.target.value)}
        hint="Where the app's SCIM API lives; it usually ends in /scim/v2."
        error={errors?.baseUrl}
      />
      <SelectField label="Credentials" name="credentialKind" value={credentialKind} onChange={(e) => setCredentialKind(e.target.value as CredentialKind)} error={errors?.credentialKind}>
        {kinds.map((k) => (
          <option key={k} value={k}>
            {CREDENTIAL_KIND_LABELS[k]}
          </option>
        ))}
      </SelectField>
      {credentialKind === "bearer" ? (
        <TextField
          label="Bearer token"
          name="token"
          type="password"
          required
          autoComplete="off"
          hint="Stored encrypted and never shown again; only its last four characters are."
          error={errors?.token}
        />
      ) : (
        <p className="text-sm text-slate-600">After saving, enter the OAuth client under Credentials on the app&apos;s page and click Connect.</p>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : credentialKind === "bearer" ? "Save and verify" : "Save"}
        </Button>
        <Link href="/apps" className={buttonClasses("secondary")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
