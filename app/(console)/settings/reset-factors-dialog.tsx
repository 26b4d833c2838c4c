"use client";

import { useEffect, useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/form-message";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";
import type { AdminRow } from "@/lib/admins/types";
import type { FactorSummary } from "@/lib/operator-factors/reset-operator-factors";
import { factorSummaryAction, resetFactorsAction } from "./factor-actions";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** What the reset removes, in words: "their authenticator app, 2 passkeys and 10 recovery codes". */
export function factorsInWords(summary: FactorSummary): string {
  const parts = [
    ...(summary.totp ? ["their authenticator app"] : []),
    ...(summary.passkeys > 0 ? [plural(summary.passkeys, "passkey")] : []),
    ...(summary.recoveryCodes > 0 ? [plural(summary.recoveryCodes, "recovery code")] : []),
  ];
  if (parts.length === 0) return "nothing (they have no second factor)";
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/**
 * Confirms resetting another operator's second factors, naming what goes: their app, passkeys and
 * recovery codes, and every session. Loads the counts when it opens.
 */
export function ResetFactorsDialog({ admin, open, onClose }: { admin: AdminRow; open: boolean; onClose: () => void }) {
  const [summary, setSummary] = useState<FactorSummary | null>(null);
  const { pending, error, setError, close: closeDialog, run } = useConfirmedAction(onClose);

  useEffect(() => {
    if (!open) return;
    let current = true;
    void factorSummaryAction(admin.id).then((result) => {
      if (!current) return;
      if (result.ok) setSummary(result.data);
      else setError(result.message);
    });
    return () => {
      current = false;
    };
  }, [open, admin.id, setError]);

  const close = () => {
    setSummary(null);
    closeDialog();
  };
  const confirm = () =>
    run(
      () => resetFactorsAction(admin.id),
      (reset) => {
        setSummary(null);
        return `The second factor of ${admin.name} was reset; ${plural(reset.sessionsEnded, "session")} ended.`;
      },
    );
  return (
    <>
      <ConfirmDialog
        open={open}
        onClose={close}
        title={`Reset the second factor of ${admin.name}?`}
        confirmLabel="Reset second factor"
        onConfirm={confirm}
        pending={pending || !summary}
      >
        <div className="space-y-3">
          <p>
            {summary
              ? `Resetting ${admin.name} (${admin.email}) removes ${factorsInWords(summary)} and signs them out everywhere; they set up a new factor at their next sign-in.`
              : error
                ? `Could not load the second factors of ${admin.name}.`
                : `Looking up the second factors of ${admin.name}…`}
          </p>
          <p className="text-xs text-slate-500">Their password stays as it is. Use this when someone lost their phone or security key.</p>
          <FormMessage message={error} />
        </div>
      </ConfirmDialog>
    </>
  );
}
