"use client";

import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import type { AdminRow } from "@/lib/admins/types";
import { endOperatorSessionsAction } from "./session-admin-actions";

/** Confirms ending every session of another operator: they must sign in again; nothing else changes. */
export function EndSessionsDialog({ admin, open, onClose }: { admin: AdminRow; open: boolean; onClose: () => void }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const toast = useToast();
  const close = () => {
    setError(undefined);
    onClose();
  };
  const confirm = () =>
    startTransition(async () => {
      const result = await endOperatorSessionsAction(admin.id);
      if (!result.ok) return setError(result.message);
      toast(result.data === 0 ? `${admin.name} had no open sessions.` : `Ended ${result.data} session${result.data === 1 ? "" : "s"} of ${admin.name}.`);
      close();
    });
  return (
    <ConfirmDialog open={open} onClose={close} title={`End all sessions of ${admin.name}?`} confirmLabel="End sessions" onConfirm={confirm} pending={pending}>
      <div className="space-y-3">
        <p>
          Every browser signed in as {admin.name} ({admin.email}) is signed out now and must sign in again. Their password and second factors stay as
          they are; to lock someone out, disable them or reset their password.
        </p>
        <FormMessage message={error} />
      </div>
    </ConfirmDialog>
  );
}
