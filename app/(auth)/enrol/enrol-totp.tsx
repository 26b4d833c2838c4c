"use client";

import { useActionState, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { RecoveryCodesShown, TotpSetupSteps } from "@/app/(console)/account/totp-setup-steps";
import { confirmEnrolmentTotpAction, finishEnrolmentAction, startEnrolmentTotpAction } from "./totp-enrolment-actions";

/**
 * The authenticator app during enrolment: set it up, read the recovery codes, then Continue finishes
 * the sign-in and goes on to `next`. After a reload between the two, only Continue is left. The other
 * way to enrol (`alternative`, a passkey) shows until the app is confirmed.
 */
export function EnrolTotp({ next, confirmedHere, alternative }: { next?: string; confirmedHere: boolean; alternative: ReactNode }) {
  const [codes, setCodes] = useState<string[] | null>(null);
  const confirmed = confirmedHere || codes !== null;
  return (
    <div className="space-y-8">
      <section aria-labelledby="enrol-totp-heading" className="space-y-3">
        <h2 id="enrol-totp-heading" className="text-base font-semibold text-slate-900">
          Authenticator app
        </h2>
        <p className="text-sm text-slate-600">A 6-digit code from an app on your phone, asked for after your password from now on.</p>
        {codes ? (
          <RecoveryCodesShown codes={codes}>
            <ContinueForm next={next} />
          </RecoveryCodesShown>
        ) : confirmedHere ? (
          <div className="space-y-3">
            <p className="text-sm text-slate-700">Your authenticator app is set up.</p>
            <ContinueForm next={next} />
          </div>
        ) : (
          <TotpSetupSteps start={startEnrolmentTotpAction} confirm={confirmEnrolmentTotpAction} onConfirmed={setCodes} />
        )}
      </section>
      {confirmed ? null : alternative}
    </div>
  );
}

function ContinueForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState(finishEnrolmentAction, null);
  return (
    <form action={action} className="inline-flex flex-col">
      <FormMessage message={state && !state.ok ? state.message : undefined} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Continue"}
      </Button>
    </form>
  );
}
