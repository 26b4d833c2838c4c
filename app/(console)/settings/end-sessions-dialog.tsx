"use client";

import { ConfirmDialog } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/form-message";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";
import type { AdminRow } from "@/lib/admins/types";
import { endOperatorSessionsAction } from "./session-admin-actions";

/** Confirms ending every session of another operator: they must sign in again; nothing else changes. */
export function EndSessionsDialog({ admin, open, onClose }: { admin: AdminRow; open: boolean; onClose: () => void }) {
  const { pending, error, close, run } = useConfirmedAction(onClose);
  const confirm = () =>
    run(
      () => endOperatorSessionsAction(admin.id),
      (ended) => (ended === 0 ? `${admin.name} had no open sessions.` : `Ended ${ended} session${ended === 1 ? "" : "s"} of ${admin.name}.`),
    );
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
