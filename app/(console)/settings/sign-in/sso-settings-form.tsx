"use client";

import { startTransition, useActionState, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Facts } from "@/components/ui/facts";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import { ROLE_LABELS, ROLES } from "@/lib/permissions";
import type { ProviderReport } from "@/lib/sso/provider";
import type { SsoSettingsView } from "@/lib/sso/sso-settings";
import { removeSsoSettingsAction, saveSsoSettingsAction, testSsoProviderAction } from "./sso-actions";

const ISSUER_INPUT_ID = "sso-issuer";

/** Test: runs discovery for the issuer (typed in the form, or the one given) and shows what the provider published. */
export function SsoTestButton({ issuer, fromInput }: { issuer?: string; fromInput?: boolean }) {
  const [result, setResult] = useState<ActionResult<ProviderReport> | null>(null);
  const [pending, start] = useTransition();
  const test = () => {
    const typed = fromInput ? (document.getElementById(ISSUER_INPUT_ID) as HTMLInputElement | null)?.value : undefined;
    start(async () => setResult(await testSsoProviderAction(typed ?? issuer ?? "")));
  };
  return (
    <div className="space-y-2">
      <Button variant="secondary" onClick={test} disabled={pending}>
        {pending ? "Testing…" : "Test"}
      </Button>
      <div role="status" aria-live="polite" aria-label="Test result">
        {result?.ok ? (
          <div className="space-y-2 rounded-md bg-emerald-50 px-3 py-2 ring-1 ring-emerald-200">
            <p className="text-sm text-emerald-900">The provider answered with its OpenID Connect configuration.</p>
            <Facts
              rows={[
                ["Issuer", result.data.issuer],
                ["Authorization endpoint", result.data.authorizationEndpoint],
                ["Token endpoint", result.data.tokenEndpoint],
                ["Userinfo endpoint", result.data.userinfoEndpoint ?? "None"],
                ["Keys (JWKS)", result.data.jwksUri ?? "None"],
                ["PKCE (S256)", result.data.supportsPkceS256 === null ? "Not stated" : result.data.supportsPkceS256 ? "Supported" : "Not listed"],
              ]}
            />
          </div>
        ) : result ? (
          <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">{result.message}</p>
        ) : null}
      </div>
    </div>
  );
}

/** The single sign-on settings; the client secret is write-only ("Stored (ends in …)" and Replace). */
export function SsoSettingsForm({ settings, canWrite }: { settings: SsoSettingsView; canWrite: boolean }) {
  const toast = useToast();
  const [replacing, setReplacing] = useState(!settings.clientSecretHint);
  const [state, dispatch, pending] = useActionState(async (prev: ActionResult<SsoSettingsView> | null, formData: FormData) => {
    const result = await saveSsoSettingsAction(prev, formData);
    if (result.ok) {
      toast(result.message ?? "Saved.");
      setReplacing(false);
    }
    return result;
  }, null);
  const failed = state && !state.ok ? state : undefined;
  const view = state?.ok ? state.data : settings;
  const errors = failed?.fieldErrors ?? {};
  const [create, setCreate] = useState(view.createOnFirstSignIn);
  const [awaitingConfirm, setAwaitingConfirm] = useState<FormData | null>(null);
  const [removing, setRemoving] = useState(false);
  const [removePending, startRemove] = useTransition();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    // Turning "SSO only" on locks passwords out: it asks first.
    if (formData.get("ssoOnly") === "on" && !view.ssoOnly) setAwaitingConfirm(formData);
    else startTransition(() => dispatch(formData));
  };
  const confirmSsoOnly = () => {
    const formData = awaitingConfirm;
    setAwaitingConfirm(null);
    if (formData) startTransition(() => dispatch(formData));
  };
  const remove = () =>
    startRemove(async () => {
      const result = await removeSsoSettingsAction();
      setRemoving(false);
      toast(result.ok ? (result.message ?? "Single sign-on is off.") : result.message, result.ok ? "success" : "error");
    });

  return (
    <form onSubmit={submit} className="max-w-xl space-y-4" noValidate aria-label="Single sign-on">
      <FormMessage message={failed?.message} />
      <TextField
        id={ISSUER_INPUT_ID}
        label="Issuer URL"
        name="issuer"
        type="url"
        required
        disabled={!canWrite}
        autoComplete="off"
        placeholder="https://your-org.okta.com"
        defaultValue={view.issuer}
        hint="The provider's issuer identifier; the console reads /.well-known/openid-configuration under it."
        error={errors.issuer}
      />
      <TextField label="Client ID" name="clientId" required disabled={!canWrite} autoComplete="off" defaultValue={view.clientId} error={errors.clientId} />
      {replacing || !view.clientSecretHint ? (
        <TextField
          label="Client secret"
          name="clientSecret"
          type="password"
          required={!view.clientSecretHint}
          disabled={!canWrite}
          autoComplete="off"
          hint={view.clientSecretHint ? "The new secret replaces the stored one when you save. Leave blank to keep it." : "Stored encrypted; it is never shown again."}
          error={errors.clientSecret}
        />
      ) : (
        <div className="space-y-1">
          <p className="text-sm font-medium text-slate-700">Client secret</p>
          <div className="flex items-center gap-3">
            <span data-testid="sso-secret-hint" className="text-sm text-slate-700">
              Stored ({view.clientSecretHint})
            </span>
            {canWrite ? (
              <Button variant="secondary" size="sm" onClick={() => setReplacing(true)}>
                Replace
              </Button>
            ) : null}
          </div>
        </div>
      )}
      <SelectField
        label="Client authentication"
        name="clientAuth"
        disabled={!canWrite}
        defaultValue={view.clientAuth}
        hint="How the console sends the secret to the token endpoint; match the application's setting at the provider."
        error={errors.clientAuth}
      >
        <option value="basic">HTTP Basic (client_secret_basic)</option>
        <option value="post">In the request body (client_secret_post)</option>
      </SelectField>
      <TextField
        label="Button name"
        name="displayName"
        required
        disabled={!canWrite}
        maxLength={40}
        autoComplete="off"
        placeholder="Okta"
        defaultValue={view.displayName}
        hint="The sign-in page shows “Sign in with …” followed by this."
        error={errors.displayName}
      />
      <fieldset className="space-y-3" disabled={!canWrite}>
        <legend className="text-sm font-medium text-slate-700">Operators</legend>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" name="createOnFirstSignIn" className="mt-1 size-4" checked={create} onChange={(e) => setCreate(e.target.checked)} />
          <span>Create operators on first SSO sign-in (anyone the provider lets sign in to this application gets in with the role below)</span>
        </label>
        <SelectField label="Role for new operators" name="createRole" disabled={!canWrite || !create} defaultValue={view.createRole} error={errors.createRole}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </SelectField>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" name="ssoOnly" className="mt-1 size-4" defaultChecked={view.ssoOnly} />
          <span>SSO only: refuse password sign-in, except for the break-glass admin{view.breakGlassEmail ? ` (${view.breakGlassEmail})` : ""}</span>
        </label>
      </fieldset>
      {canWrite ? (
        <div className="flex flex-wrap items-start gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save"}
          </Button>
          <SsoTestButton fromInput />
          {view.source === "settings" ? (
            <Button variant="ghost" onClick={() => setRemoving(true)}>
              Turn off single sign-on
            </Button>
          ) : null}
        </div>
      ) : null}
      <ConfirmDialog
        open={awaitingConfirm !== null}
        onClose={() => setAwaitingConfirm(null)}
        title="Allow only single sign-on?"
        confirmLabel="Allow only single sign-on"
        onConfirm={confirmSsoOnly}
        pending={pending}
      >
        <p>
          Operators can no longer sign in with their password: the sign-in page answers “This console signs in with single sign-on.” Passkeys still work.{" "}
          {view.breakGlassEmail
            ? `Only the break-glass admin ${view.breakGlassEmail} (SSO_BREAK_GLASS_EMAIL) keeps password sign-in, for when the provider is down.`
            : "No break-glass admin is set (SSO_BREAK_GLASS_EMAIL in the environment): if the provider is down or misconfigured, nobody can sign in with a password."}
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={removing}
        onClose={() => setRemoving(false)}
        title="Turn off single sign-on?"
        confirmLabel="Turn off"
        onConfirm={remove}
        pending={removePending}
      >
        <p>
          The sign-in page stops offering “Sign in with {view.displayName}” and everyone signs in with their password and second factor again. Operators who
          only ever used single sign-on have no password they know: an admin must reset it for them.
        </p>
      </ConfirmDialog>
    </form>
  );
}
