"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { secondFactorAction } from "./actions";

/** The code step: a TOTP code, or one of the recovery codes. */
export function CodeForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState(secondFactorAction, null);
  const failed = state && !state.ok;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage message={failed ? state.message : undefined} />
      <TextField
        label="Code"
        name="code"
        autoComplete="one-time-code"
        inputMode="text"
        required
        autoFocus
        hint="The 6-digit code from your authenticator app, or a recovery code (xxxxx-xxxxx)."
        aria-invalid={Boolean(failed)}
      />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Checking…" : "Verify"}
      </Button>
    </form>
  );
}
