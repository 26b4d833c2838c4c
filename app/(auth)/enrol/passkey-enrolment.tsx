"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useHydrated } from "@/components/ui/local-time";
import { PASSKEY_NAME_MAX } from "@/lib/schemas/passkeys";
import { createPasskeyInBrowser, usePasskeyCeremony } from "@/lib/operator-factors/passkeys-browser";
import { enrolPasskeyAction, enrolPasskeyOptionsAction } from "./passkey-actions";

/** Enrolment with a passkey or security key instead of an authenticator app; adding one finishes the sign-in. */
export function PasskeyEnrolment({ next }: { next?: string }) {
  const hydrated = useHydrated();
  const { pending, failure, run } = usePasskeyCeremony();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    run({ options: enrolPasskeyOptionsAction, ask: createPasskeyInBrowser, submit: (response) => enrolPasskeyAction(name, response, next) });
  };
  return (
    <section aria-labelledby="enrol-passkey-heading" className="space-y-3">
      <h2 id="enrol-passkey-heading" className="text-base font-semibold text-slate-900">
        Or add a passkey / security key
      </h2>
      <p className="text-sm text-slate-600">Use this device&apos;s passkey (fingerprint, face or PIN), a password manager, or a USB / NFC security key.</p>
      <form onSubmit={submit} className="space-y-3" noValidate>
        <FormMessage message={failure?.message} />
        <TextField
          label="Name"
          name="name"
          maxLength={PASSKEY_NAME_MAX}
          autoComplete="off"
          hint="For example “Work laptop” or “YubiKey”. Leave it empty to name it after the kind of key."
          error={failure?.fieldErrors?.name}
        />
        <Button type="submit" disabled={!hydrated || pending}>
          {pending ? "Waiting for your passkey…" : "Add passkey"}
        </Button>
      </form>
    </section>
  );
}
