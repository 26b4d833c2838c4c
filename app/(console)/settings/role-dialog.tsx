"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import type { AdminRow } from "@/lib/admins/types";
import { ROLE_LABELS } from "@/lib/permissions";
import { changeAdminRoleAction } from "./actions";
import { RoleSelect, submitKeepingValues } from "./admin-fields";

/** The Change role dialog's content: pick a role, confirm, sessions end. */
export function ChangeRoleForm({ admin, isSelf, onDone }: { admin: AdminRow; isSelf: boolean; onDone: () => void }) {
  const toast = useToast();
  const [state, action, pending] = useActionState(async (prev: ActionResult<AdminRow> | null, formData: FormData) => {
    const result = await changeAdminRoleAction(admin.id, prev, formData);
    if (result.ok) {
      toast(`${result.data.name} is now ${ROLE_LABELS[result.data.role]}.`);
      onDone();
    }
    return result;
  }, null);
  const failed = state && !state.ok ? state : undefined;
  return (
    <form onSubmit={submitKeepingValues(action)} className="space-y-4" noValidate>
      <p>
        {admin.name} ({admin.email}) is {ROLE_LABELS[admin.role]} now.{" "}
        {isSelf ? "Changing your own role signs you out; sign in again to continue with the new role." : "Their open sessions end; they sign in again with the new role."}
      </p>
      <FormMessage message={failed?.message} />
      <RoleSelect defaultRole={admin.role} error={failed?.fieldErrors?.role} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Change role"}
        </Button>
      </div>
    </form>
  );
}
