"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFormButtons } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import type { ApproverRow } from "@/lib/slack/approvers";
import { useDialogAction } from "../admin-fields";
import { linkByEmailAction, setSlackUserAction } from "./actions";

/** "Link by email" (users.lookupByEmail) and "Set Slack user" (by hand) for one approver. */
export function ApproverRowActions({ approver, slackConfigured }: { approver: ApproverRow; slackConfigured: boolean }) {
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [linking, startLinking] = useTransition();
  const link = () =>
    startLinking(async () => {
      const result = await linkByEmailAction(approver.id);
      if (result.ok) {
        setError(undefined);
        toast(`${approver.email} is linked to Slack user ${result.data.slackUserId}.`);
      } else setError(result.message);
    });
  return (
    <div className="space-y-1">
      <div className="flex gap-1 whitespace-nowrap">
        <Button variant="ghost" size="sm" aria-label={`Link ${approver.email} by email`} onClick={link} disabled={linking || !slackConfigured} title={slackConfigured ? undefined : "Save the Slack settings first"}>
          {linking ? "Looking up…" : "Link by email"}
        </Button>
        <Button variant="ghost" size="sm" aria-label={`Set Slack user of ${approver.email}`} onClick={() => setOpen(true)}>
          Set Slack user
        </Button>
      </div>
      {error ? (
        <p role="alert" className="max-w-xs text-xs whitespace-normal text-red-700">
          {error}
        </p>
      ) : null}
      <Dialog open={open} onClose={() => setOpen(false)} title={`Slack user of ${approver.name}`}>
        <SetSlackUserForm approver={approver} onDone={() => setOpen(false)} />
      </Dialog>
    </div>
  );
}

function SetSlackUserForm({ approver, onDone }: { approver: ApproverRow; onDone: () => void }) {
  const toast = useToast();
  const { failed, pending, submit } = useDialogAction<ApproverRow>(
    (prev, formData) => setSlackUserAction(approver.id, prev, formData),
    (saved) => {
      toast(saved.slackUserId ? `${approver.email} is linked to Slack user ${saved.slackUserId}.` : `${approver.email} is no longer linked to Slack.`);
      onDone();
    },
  );
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormMessage message={failed?.message} />
      <TextField
        label="Slack member id"
        name="slackUserId"
        maxLength={32}
        autoComplete="off"
        placeholder="U0123ABCD"
        defaultValue={failed?.values?.slackUserId ?? approver.slackUserId ?? ""}
        hint="In Slack: the person's profile, then Copy member ID. Leave empty to unlink; their clicks are then refused."
        error={failed?.fieldErrors?.slackUserId}
      />
      <DialogFormButtons onCancel={onDone} label="Save Slack user" pendingLabel="Saving…" pending={pending} />
    </form>
  );
}
