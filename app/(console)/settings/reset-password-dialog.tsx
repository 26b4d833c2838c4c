"use client";

import { Button } from "@/components/ui/button";
import { DialogFormButtons } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import type { AdminRow } from "@/lib/admins/types";
import { resetAdminPasswordAction } from "./actions";
import { OneTimePassword, PasswordChoice, useDialogAction } from "./admin-fields";

/** The Reset password dialog's content: typed or generated (shown once); sessions end. */
export function ResetPasswordForm({ admin, isSelf, onDone }: { admin: AdminRow; isSelf: boolean; onDone: () => void }) {
  const toast = useToast();
  const { state, failed, pending, submit } = useDialogAction<{ generatedPassword?: string }>(
    (prev, formData) => resetAdminPasswordAction(admin.id, prev, formData),
    (reset) => {
      toast(`The password of ${admin.name} was reset.`);
      if (!reset.generatedPassword) onDone();
    },
  );

  if (state?.ok && state.data.generatedPassword) {
    return (
      <div className="space-y-4">
        <OneTimePassword password={state.data.generatedPassword} who={admin.name} />
        <div className="flex justify-end">
          <Button onClick={onDone}>Done</Button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <p>
        {isSelf
          ? "Your current password stops working and you are signed out; sign in again with the new one."
          : `The current password of ${admin.name} (${admin.email}) stops working and their open sessions end.`}
      </p>
      <FormMessage message={failed?.message} />
      <PasswordChoice error={failed?.fieldErrors?.password} allowGenerate={!isSelf} />
      <DialogFormButtons onCancel={onDone} label="Reset password" pendingLabel="Resetting…" pending={pending} danger />
    </form>
  );
}
