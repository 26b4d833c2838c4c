"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFormButtons } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import { isRole } from "@/lib/permissions";
import { createAdminAction } from "./actions";
import { OneTimePassword, PasswordChoice, RoleSelect, useDialogAction } from "./admin-fields";

/** "Add admin": the button and its dialog. */
export function AddAdminButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Add admin</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Add admin">
        {/* The dialog drops its content when closed, so a generated password is gone with it. */}
        <AddAdminForm onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function AddAdminForm({ onDone }: { onDone: () => void }) {
  const toast = useToast();
  const { state, failed, pending, submit } = useDialogAction(createAdminAction, (created) => {
    toast(`${created.name} was added.`);
    if (!created.generatedPassword) onDone();
  });

  if (state?.ok && state.data.generatedPassword) {
    return (
      <div className="space-y-4">
        <p>
          {state.data.name} ({state.data.email}) can now sign in.
        </p>
        <OneTimePassword password={state.data.generatedPassword} who={state.data.name} />
        <div className="flex justify-end">
          <Button onClick={onDone}>Done</Button>
        </div>
      </div>
    );
  }

  const values = failed?.values ?? {};
  const errors = failed?.fieldErrors ?? {};
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormMessage message={failed?.message} />
      <TextField label="Name" name="name" required maxLength={128} autoComplete="off" defaultValue={values.name} error={errors.name} />
      <TextField label="Email" name="email" type="email" required maxLength={254} autoComplete="off" defaultValue={values.email} error={errors.email} />
      <RoleSelect defaultRole={isRole(values.role) ? values.role : "auditor"} error={errors.role} />
      <TextField
        label="Slack user id (optional)"
        name="slackUserId"
        maxLength={32}
        autoComplete="off"
        placeholder="U0123ABCD"
        hint={`Lets approvers act on requests from Slack. In Slack: profile, then "Copy member ID".`}
        defaultValue={values.slackUserId}
        error={errors.slackUserId}
      />
      <PasswordChoice error={errors.password} />
      <DialogFormButtons onCancel={onDone} label="Add admin" pendingLabel="Adding…" pending={pending} />
    </form>
  );
}
