"use client";

import { DialogFormButtons } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import type { AdminRow } from "@/lib/admins/types";
import { ROLE_LABELS } from "@/lib/permissions";
import { changeAdminRoleAction } from "./actions";
import { RoleSelect, useDialogAction } from "./admin-fields";

/** The Change role dialog's content: pick a role, confirm, sessions end. */
export function ChangeRoleForm({ admin, isSelf, onDone }: { admin: AdminRow; isSelf: boolean; onDone: () => void }) {
  const toast = useToast();
  const { failed, pending, submit } = useDialogAction<AdminRow>(
    (prev, formData) => changeAdminRoleAction(admin.id, prev, formData),
    (changed) => {
      toast(`${changed.name} is now ${ROLE_LABELS[changed.role]}.`);
      onDone();
    },
  );
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <p>
        {admin.name} ({admin.email}) is {ROLE_LABELS[admin.role]} now.{" "}
        {isSelf ? "Changing your own role signs you out; sign in again to continue with the new role." : "Their open sessions end; they sign in again with the new role."}
      </p>
      <FormMessage message={failed?.message} />
      <RoleSelect defaultRole={admin.role} error={failed?.fieldErrors?.role} />
      <DialogFormButtons onCancel={onDone} label="Change role" pendingLabel="Saving…" pending={pending} />
    </form>
  );
}
