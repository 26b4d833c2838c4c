"use client";

import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useHydrated } from "@/components/ui/local-time";
import { askPasskeyInBrowser, usePasskeyCeremony } from "@/lib/operator-factors/passkeys-browser";
import { passkeySignInAction, passkeySignInOptionsAction } from "./passkey-actions";

/** "Sign in with a passkey" under the password form: no email or password, the passkey stands for both factors. */
export function PasskeySignIn({ next }: { next?: string }) {
  const hydrated = useHydrated();
  const { pending, failure, run } = usePasskeyCeremony();
  const signIn = () =>
    run({ options: passkeySignInOptionsAction, ask: askPasskeyInBrowser, submit: (response) => passkeySignInAction(response, next) });
  return (
    <div className="mt-6 space-y-4">
      <div className="flex items-center gap-3" aria-hidden="true">
        <span className="h-px flex-1 bg-slate-200" />
        <span className="text-xs tracking-wide text-slate-500 uppercase">or</span>
        <span className="h-px flex-1 bg-slate-200" />
      </div>
      <FormMessage message={failure?.message} />
      <Button variant="secondary" className="w-full" onClick={signIn} disabled={!hydrated || pending}>
        {pending ? "Waiting for your passkey…" : "Sign in with a passkey"}
      </Button>
    </div>
  );
}
