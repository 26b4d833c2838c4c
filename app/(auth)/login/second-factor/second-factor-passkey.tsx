"use client";

import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useHydrated } from "@/components/ui/local-time";
import { askPasskeyInBrowser, usePasskeyCeremony } from "@/lib/operator-factors/passkeys-browser";
import { passkeySecondFactorAction, passkeySecondFactorOptionsAction } from "./passkey-actions";

/** The passkey option of the second step: one of the operator's passkeys or security keys. */
export function SecondFactorPasskey({ next }: { next?: string }) {
  const hydrated = useHydrated();
  const { pending, failure, run } = usePasskeyCeremony();
  const verify = () =>
    run({ options: passkeySecondFactorOptionsAction, ask: askPasskeyInBrowser, submit: (response) => passkeySecondFactorAction(response, next) });
  return (
    <div className="mb-6 space-y-3">
      <FormMessage message={failure?.message} />
      <Button className="w-full" onClick={verify} disabled={!hydrated || pending}>
        {pending ? "Waiting for your passkey…" : "Use a passkey"}
      </Button>
      <p className="text-xs text-slate-500">Your passkey or security key confirms it is you after your password.</p>
    </div>
  );
}
