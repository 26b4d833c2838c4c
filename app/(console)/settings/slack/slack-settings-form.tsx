"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import type { SlackSettingsView } from "@/lib/slack/settings";
import { saveSlackSettingsAction } from "./actions";

/** Bot token, signing secret and default channel; secrets are write-only (the page shows "ends in …"). */
export function SlackSettingsForm({ settings, canWrite }: { settings: SlackSettingsView; canWrite: boolean }) {
  const toast = useToast();
  const [state, action, pending] = useActionState(async (prev: ActionResult<SlackSettingsView> | null, formData: FormData) => {
    const result = await saveSlackSettingsAction(prev, formData);
    if (result.ok) toast(result.message ?? "Saved.");
    return result;
  }, null);
  const failed = state && !state.ok ? state : undefined;
  const errors = failed?.fieldErrors ?? {};
  const channel = failed?.values?.defaultChannel ?? (state?.ok ? state.data.defaultChannel : settings.defaultChannel);
  const submit = submitKeepingValues(action);
  const stored = (hint: string | null) => (hint ? `Stored, ${hint}. Leave blank to keep it.` : undefined);
  return (
    <form onSubmit={submit} className="max-w-xl space-y-4" noValidate aria-label="Slack connection">
      <FormMessage message={failed?.message} />
      <TextField
        label="Bot token"
        name="botToken"
        type="password"
        autoComplete="off"
        required={!settings.configured}
        disabled={!canWrite}
        placeholder={settings.botTokenHint ? "•••••••• (unchanged)" : "xoxb-…"}
        hint={stored(settings.botTokenHint) ?? "Your Slack app's Bot User OAuth Token (OAuth & Permissions). Scopes: chat:write, users:read, users:read.email."}
        error={errors.botToken}
      />
      <TextField
        label="Signing secret"
        name="signingSecret"
        type="password"
        autoComplete="off"
        required={!settings.configured}
        disabled={!canWrite}
        placeholder={settings.signingSecretHint ? "•••••••• (unchanged)" : undefined}
        hint={stored(settings.signingSecretHint) ?? "Basic Information > App Credentials > Signing Secret. Every click from Slack is checked against it."}
        error={errors.signingSecret}
      />
      <TextField
        key={channel}
        label="Default approvals channel"
        name="defaultChannel"
        required
        disabled={!canWrite}
        maxLength={81}
        autoComplete="off"
        placeholder="#approvals"
        defaultValue={channel}
        hint="Where approval requests go unless an app's rule names another channel. Invite the app to it (/invite @your-app)."
        error={errors.defaultChannel}
      />
      {canWrite ? (
        <Button type="submit" disabled={pending}>
          {pending ? "Verifying with Slack…" : "Save and verify"}
        </Button>
      ) : null}
    </form>
  );
}
