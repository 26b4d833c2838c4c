"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import type { AdminRow } from "@/lib/admins/types";
import { disableAdminAction, enableAdminAction } from "./actions";
import { EndSessionsDialog } from "./end-sessions-dialog";
import { ResetFactorsDialog } from "./reset-factors-dialog";
import { ResetPasswordForm } from "./reset-password-dialog";
import { ChangeRoleForm } from "./role-dialog";

type Open = "role" | "status" | "password" | "sessions" | "factors" | null;

/**
 * Change role, disable / enable, reset password, end sessions and reset second factor for one operator,
 * each confirmed in a dialog. The buttons keep to one line; the dialogs sit outside that line so their
 * text wraps.
 */
export function AdminRowActions({ admin, isSelf }: { admin: AdminRow; isSelf: boolean }) {
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  return (
    <>
      <div className="flex gap-1 whitespace-nowrap">
      <Button variant="ghost" size="sm" aria-label={`Change role of ${admin.email}`} onClick={() => setOpen("role")}>
        Change role
      </Button>
      <Button variant="ghost" size="sm" aria-label={`${admin.disabled ? "Enable" : "Disable"} ${admin.email}`} onClick={() => setOpen("status")}>
        {admin.disabled ? "Enable" : "Disable"}
      </Button>
      <Button variant="ghost" size="sm" aria-label={`Reset password of ${admin.email}`} onClick={() => setOpen("password")}>
        Reset password
      </Button>
      {isSelf ? null : (
        <Button variant="ghost" size="sm" aria-label={`End sessions of ${admin.email}`} onClick={() => setOpen("sessions")}>
          End sessions
        </Button>
      )}
      {isSelf ? null : (
        <Button variant="ghost" size="sm" aria-label={`Reset second factor of ${admin.email}`} onClick={() => setOpen("factors")}>
          Reset second factor
        </Button>
      )}
      </div>

      <Dialog open={open === "role"} onClose={close} title={`Change the role of ${admin.name}`}>
        <ChangeRoleForm admin={admin} isSelf={isSelf} onDone={close} />
      </Dialog>
      <StatusDialog admin={admin} isSelf={isSelf} open={open === "status"} onClose={close} />
      <Dialog open={open === "password"} onClose={close} title={`Reset the password of ${admin.name}`}>
        <ResetPasswordForm admin={admin} isSelf={isSelf} onDone={close} />
      </Dialog>
      <EndSessionsDialog admin={admin} open={open === "sessions"} onClose={close} />
      <ResetFactorsDialog admin={admin} open={open === "factors"} onClose={close} />
    </>
  );
}

function StatusDialog({ admin, isSelf, open, onClose }: { admin: AdminRow; isSelf: boolean; open: boolean; onClose: () => void }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const toast = useToast();
  const enabling = admin.disabled;
  const close = () => {
    setError(undefined);
    onClose();
  };
  const confirm = () =>
    startTransition(async () => {
      const result = enabling ? await enableAdminAction(admin.id) : await disableAdminAction(admin.id);
      if (!result.ok) return setError(result.message);
      toast(`${admin.name} was ${enabling ? "enabled" : "disabled"}.`);
      close();
    });
  return (
    <ConfirmDialog
      open={open}
      onClose={close}
      title={`${enabling ? "Enable" : "Disable"} ${admin.name}?`}
      confirmLabel={enabling ? "Enable" : "Disable"}
      danger={!enabling}
      onConfirm={confirm}
      pending={pending}
    >
      <div className="space-y-3">
        <p>
          {enabling
            ? `${admin.name} (${admin.email}) can sign in again with their current password.`
            : isSelf
              ? "You can no longer sign in and are signed out now. Another admin can enable you again."
              : `${admin.name} (${admin.email}) can no longer sign in and their open sessions end now. You can enable them again later.`}
        </p>
        <FormMessage message={error} />
      </div>
    </ConfirmDialog>
  );
}
