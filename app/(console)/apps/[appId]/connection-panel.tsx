"use client";

import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Facts } from "@/components/ui/facts";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { LocalTime } from "@/components/ui/local-time";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";
import { useToast } from "@/components/ui/toast";
import type { ConnectionStatus } from "@/lib/oauth/connection-status";
import { CREDENTIAL_KIND_LABELS, type CredentialKind } from "@/lib/schemas/app";
import { disconnectAppAction, saveOAuthSettingsAction, startConnectionAction } from "./connection-actions";

/** Connect / Reconnect: asks the server for a one-time authorize URL, then leaves for the provider. */
export function ConnectButton({ appId, label, variant = "primary" }: { appId: string; label: string; variant?: "primary" | "secondary" }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const connect = () =>
    startTransition(async () => {
      const result = await startConnectionAction(appId);
      if (!result.ok) return setError(result.message);
      window.location.assign(result.data.url);
    });
  return (
    <span className="inline-flex flex-col gap-1">
      <Button variant={variant} onClick={connect} disabled={pending}>
        {pending ? "Opening the provider…" : label}
      </Button>
      <FormMessage message={error} />
    </span>
  );
}

function ConnectionFacts({ status }: { status: ConnectionStatus }) {
  const info = status.info;
  const team = info?.enterpriseName ?? info?.teamName;
  const state = status.connected ? "Connected" : status.health === "reconnect_needed" ? "Reconnect needed" : "Not connected";
  return (
    <Facts
      label="OAuth connection"
      rows={[
        ["Status", <span key="status" data-testid="oauth-status">{state}</span>],
        team ? [info?.enterpriseName ? "Organization" : "Workspace", team] : null,
        ["Scopes granted", info && info.scopes.length > 0 ? info.scopes.join(", ") : "—"],
        [
          "Connected by",
          <>
            {status.connectedBy ?? "—"}
            {status.connectedAt ? (
              <>
                {" "}
                on <LocalTime iso={status.connectedAt} />
              </>
            ) : null}
          </>,
        ],
        ["Token expires", status.connected ? <LocalTime iso={status.tokenExpiresAt} empty="does not expire" /> : "—"],
        ["Last refresh", <LocalTime key="refresh" iso={status.tokenRefreshedAt} empty="never" />],
      ]}
    />
  );
}

function DisconnectButton({ status }: { status: ConnectionStatus }) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const confirm = () =>
    startTransition(async () => {
      const result = await disconnectAppAction(status.appId);
      setOpen(false);
      if (!result.ok) return toast(result.message, "error");
      toast(result.data.revoked ? "Disconnected; the provider revoked the token." : "Disconnected. The provider could not be told: revoke the app's access there too.");
    });
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Disconnect
      </Button>
      <ConfirmDialog open={open} onClose={() => setOpen(false)} title="Disconnect this app?" confirmLabel="Disconnect" onConfirm={confirm} pending={pending}>
        <p>The token is revoked at the provider and forgotten. Provisioning to this app waits until someone connects it again; the audit log keeps who had connected it.</p>
      </ConfirmDialog>
    </>
  );
}

/** Credential kind, OAuth client settings, the Redirect URL to register, and Connect / Reconnect / Disconnect. */
export function ConnectionPanel({ status, canConnect }: { status: ConnectionStatus; canConnect: boolean }) {
  const [state, formAction, pending] = useActionState(saveOAuthSettingsAction.bind(null, status.appId), null);
  const [kind, setKind] = useState<CredentialKind>(status.credentialKind);
  const toast = useToast();
  const form = useRef<HTMLFormElement>(null);
  // Submitting through the action prop would reset the form, and with it the controlled kind select.
  const submit = submitKeepingValues(formAction);
  useEffect(() => {
    if (!state?.ok) return;
    const secret = form.current?.elements.namedItem("clientSecret");
    if (secret instanceof HTMLInputElement) secret.value = "";
    toast(state.data.switched ? "Credential kind changed." : "Connection settings saved.");
  }, [state, toast]);
  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const kinds = (Object.keys(CREDENTIAL_KIND_LABELS) as CredentialKind[]).filter((k) => k !== "slack_oauth" || status.appKind === "slack");
  const saved = kind === status.credentialKind;
  const oauth = status.credentialKind !== "bearer";
  const connectLabel = status.credentialKind === "slack_oauth" ? (status.connected ? "Reconnect with Slack" : "Connect with Slack") : status.connected ? "Reconnect" : "Connect";
  return (
    <section aria-labelledby="credentials-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 lg:col-span-2">
      <h2 id="credentials-heading" className="text-base font-semibold text-slate-900">
        Credentials
      </h2>
      {oauth ? <ConnectionFacts status={status} /> : <p className="text-sm text-slate-600">This app uses a bearer token (Settings, Replace token).</p>}
      {oauth && canConnect ? (
        <div className="flex flex-wrap items-start gap-3">
          {status.clientId && status.clientSecretSet ? <ConnectButton appId={status.appId} label={connectLabel} /> : <p className="text-sm text-slate-600">Save the client settings below, then connect.</p>}
          {status.connected ? <DisconnectButton status={status} /> : null}
        </div>
      ) : null}
      {canConnect ? (
        <form ref={form} onSubmit={submit} className="space-y-4 border-t border-slate-100 pt-4" noValidate>
          <FormMessage message={state && !state.ok ? state.message : undefined} />
          <SelectField label="Credential kind" name="credentialKind" value={kind} onChange={(e) => setKind(e.target.value as CredentialKind)} error={errors?.credentialKind}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {CREDENTIAL_KIND_LABELS[k]}
              </option>
            ))}
          </SelectField>
          {kind !== "bearer" ? (
            <>
              <div className="text-sm">
                <p className="font-medium text-slate-700">Redirect URL</p>
                <p className="text-xs text-slate-500">Add this exact address to the app&apos;s OAuth settings (Slack: OAuth &amp; Permissions, Redirect URLs).</p>
                <code data-testid="redirect-url" className="mt-1 block break-all rounded bg-slate-50 px-2 py-1 text-xs text-slate-800">
                  {status.redirectUri}
                </code>
              </div>
              <TextField label="Client ID" name="clientId" required defaultValue={values?.clientId ?? (saved ? (status.clientId ?? "") : "")} error={errors?.clientId} />
              <TextField
                label="Client secret"
                name="clientSecret"
                type="password"
                autoComplete="new-password"
                required={!(saved && status.clientSecretSet)}
                hint={saved && status.clientSecretSet ? "Stored. Leave empty to keep it." : "Stored encrypted; never shown again."}
                error={errors?.clientSecret}
              />
            </>
          ) : null}
          {kind === "oauth2" ? (
            <>
              <TextField label="Authorization endpoint" name="authorizationEndpoint" type="url" required defaultValue={values?.authorizationEndpoint ?? status.authorizationEndpoint ?? ""} error={errors?.authorizationEndpoint} />
              <TextField label="Token endpoint" name="tokenEndpoint" type="url" required defaultValue={values?.tokenEndpoint ?? status.tokenEndpoint ?? ""} error={errors?.tokenEndpoint} />
              <TextField label="Revocation endpoint" name="revocationEndpoint" type="url" hint="Optional: Disconnect revokes the token there." defaultValue={values?.revocationEndpoint ?? status.revocationEndpoint ?? ""} error={errors?.revocationEndpoint} />
              <TextField label="Scopes" name="scopes" hint="Separated by spaces, as the app documents them." defaultValue={values?.scopes ?? status.scopes} error={errors?.scopes} />
              <SelectField label="Client authentication" name="clientAuth" defaultValue={values?.clientAuth ?? status.clientAuth} error={errors?.clientAuth}>
                <option value="basic">HTTP Basic (client_secret_basic)</option>
                <option value="post">In the request body (client_secret_post)</option>
              </SelectField>
            </>
          ) : null}
          {!saved ? <p className="text-sm text-amber-800">Changing the credential kind forgets the current credential; provisioning waits until the app is connected again.</p> : null}
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? "Saving…" : "Save connection settings"}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
