"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFormButtons } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { LocalTime } from "@/components/ui/local-time";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import type { OwnTotpStatus } from "@/lib/operator-factors/remove-totp";
import { confirmTotpSetupAction, regenerateRecoveryCodesAction, removeTotpAction, startTotpSetupAction } from "./totp-actions";
import { codeFieldState, RecoveryCodesShown, TotpSetupSteps } from "./totp-setup-steps";

type Open = "regenerate" | "remove" | null;

/** The authenticator app's state and actions; new recovery codes stay on screen until Done. */
export function TotpPanel({ status }: { status: OwnTotpStatus }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);

  if (codes) {
    return (
      <RecoveryCodesShown codes={codes}>
        <Button
          onClick={() => {
            setCodes(null);
            router.refresh();
          }}
        >
          Done
        </Button>
      </RecoveryCodesShown>
    );
  }
  if (!status.enabled) {
    return (
      <div className="space-y-3">
        <p className="text-sm">
          <Badge tone="neutral">Off</Badge>
        </p>
        <TotpSetupSteps start={startTotpSetupAction} confirm={confirmTotpSetupAction} onConfirmed={setCodes} />
      </div>
    );
  }
  const lastFactor = status.required && status.passkeys === 0;
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <Badge tone="success">On</Badge>
        <span>
          since <LocalTime iso={status.enabledAt} />
        </span>
        <span aria-hidden="true">·</span>
        <span data-testid="recovery-codes-left">
          {status.recoveryCodesLeft} of 10 recovery codes unused
        </span>
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => setOpen("regenerate")}>
          Regenerate recovery codes
        </Button>
        <Button variant="secondary" onClick={() => setOpen("remove")} disabled={lastFactor} aria-describedby={lastFactor ? "totp-last-factor" : undefined}>
          Turn off
        </Button>
      </div>
      {lastFactor ? (
        <p id="totp-last-factor" className="text-xs text-slate-500">
          Your role must use a second factor and this app is your only one. Add a passkey first to turn it off.
        </p>
      ) : null}

      <Dialog open={open === "regenerate"} onClose={close} title="Regenerate recovery codes">
        <CodeDialogForm
          key={`regenerate-${open}`}
          action={regenerateRecoveryCodesAction}
          onOk={(data) => {
            close();
            setCodes(data.codes);
          }}
          onCancel={close}
          label="Regenerate"
          pendingLabel="Regenerating…"
          hint="The 6-digit code your authenticator app shows now."
        >
          <p>
            Your {status.recoveryCodesLeft} unused recovery code{status.recoveryCodesLeft === 1 ? "" : "s"} stop working, and 10 new ones are shown to
            you once.
          </p>
        </CodeDialogForm>
      </Dialog>
      <Dialog open={open === "remove"} onClose={close} title="Turn off the authenticator app?">
        <RemoveForm status={status} onDone={close} key={`remove-${open}`} />
      </Dialog>
    </div>
  );
}

function RemoveForm({ status, onDone }: { status: OwnTotpStatus; onDone: () => void }) {
  const toast = useToast();
  const consequence =
    status.passkeys > 0
      ? `You will sign in with your password and a passkey (you have ${status.passkeys}).`
      : "You will sign in with your password alone, until you set up a second factor again.";
  return (
    <CodeDialogForm
      action={removeTotpAction}
      onOk={() => {
        toast("The authenticator app was turned off.");
        onDone();
      }}
      onCancel={onDone}
      label="Turn off"
      pendingLabel="Turning off…"
      danger
      hint="The 6-digit code your authenticator app shows now, or one of your recovery codes."
    >
      <p>
        The app&apos;s codes stop working at sign-in and your {status.recoveryCodesLeft} unused recovery code
        {status.recoveryCodesLeft === 1 ? "" : "s"} are deleted. {consequence}
      </p>
    </CodeDialogForm>
  );
}

type CodeDialogProps<T> = {
  action: (prev: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;
  onOk: (data: T) => void;
  onCancel: () => void;
  label: string;
  pendingLabel: string;
  hint: string;
  danger?: boolean;
  children: ReactNode;
};

/** A dialog form that names what will happen and asks for a current code first. */
function CodeDialogForm<T>({ action, onOk, onCancel, label, pendingLabel, hint, danger, children }: CodeDialogProps<T>) {
  const [state, dispatch, pending] = useActionState(async (prev: ActionResult<T> | null, formData: FormData) => {
    const result = await action(prev, formData);
    if (result.ok) onOk(result.data);
    return result;
  }, null);
  const failed = state && !state.ok ? state : undefined;
  return (
    <form onSubmit={submitKeepingValues(dispatch)} className="space-y-4" noValidate>
      {children}
      <FormMessage message={failed?.message} />
      <TextField label="Code" name="code" autoComplete="one-time-code" required hint={hint} autoFocus {...codeFieldState(failed)} />
      <DialogFormButtons onCancel={onCancel} label={label} pendingLabel={pendingLabel} pending={pending} danger={danger} />
    </form>
  );
}
