"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { signInAction } from "./actions";

export function LoginForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState(signInAction, null);
  const failed = state && !state.ok;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage message={failed ? state.message : undefined} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        defaultValue={failed ? state.values?.email : undefined}
        aria-invalid={Boolean(failed)}
      />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required aria-invalid={Boolean(failed)} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
