"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import type { AdminRow } from "@/lib/admins/types";
import { resetAdminPasswordAction } from "./actions";
import { OneTimePassword, PasswordChoice, submitKeepingValues } from "./admin-fields";

type Result = ActionResult<{ generatedPassword?: string }>;

/** The Reset password dialog's content: typed or generated (shown once); sessions end. */
export function ResetPasswordForm({ admin, isSelf, onDone }: { admin: AdminRow; isSelf: boolean; onDone: () => void }) {
  const toast = useToast();
  const [state, action, pending] = useActionState(async (prev: Result | null, formData: FormData) => {
    const result = await resetAdminPasswordAction(admin.id, prev, formData);
    if (result.ok) {
      toast(`The password of ${admin.name} was reset.`);
      if (!result.data.generatedPassword) onDone();
    }
    return result;
  }, null);

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

  const failed = state && !state.ok ? state : undefined;
  return (
    <form onSubmit={submitKeepingValues(action)} className="space-y-4" noValidate>
      <p>
        {isSelf
          ? "Your current password stops working and you are signed out; sign in again with the new one."
          : `The current password of ${admin.name} (${admin.email}) stops working and their open sessions end.`}
      </p>
      <FormMessage message={failed?.message} />
      <PasswordChoice error={failed?.fieldErrors?.password} allowGenerate={!isSelf} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? "Resetting…" : "Reset password"}
        </Button>
      </div>
    </form>
  );
}
