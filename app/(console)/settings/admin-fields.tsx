"use client";

import { useActionState, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { controlClasses, SelectField, TextField } from "@/components/ui/field";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";
import type { ActionResult } from "@/lib/action-result";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/schemas/admin";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from "@/lib/permissions";

/**
 * A dialog form's server action: `onOk` gets the data of a success (toast, close); a failure
 * comes back as `failed` (message, field errors, typed values) for the form to show.
 */
export function useDialogAction<T>(run: (prev: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>, onOk: (data: T) => void) {
  const [state, action, pending] = useActionState(async (prev: ActionResult<T> | null, formData: FormData) => {
    const result = await run(prev, formData);
    if (result.ok) onOk(result.data);
    return result;
  }, null);
  const failed = state && !state.ok ? state : undefined;
  return { state, failed, pending, submit: submitKeepingValues(action) };
}

/** The role select; the chosen role's description shows under it. */
export function RoleSelect({ defaultRole, error }: { defaultRole: Role; error?: string[] }) {
  const [role, setRole] = useState<Role>(defaultRole);
  return (
    <SelectField label="Role" name="role" required value={role} onChange={(e) => setRole(e.target.value as Role)} hint={ROLE_DESCRIPTIONS[role]} error={error}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </SelectField>
  );
}

/**
 * Generate a password (the default: shown once after saving) or type one. `allowGenerate`
 * is off when the operator resets their own password: their session ends before they could read it.
 */
export function PasswordChoice({ error, allowGenerate = true }: { error?: string[]; allowGenerate?: boolean }) {
  const [mode, setMode] = useState<"generate" | "type">(allowGenerate ? "generate" : "type");
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Set the password</legend>
      {allowGenerate ? (
        <div className="flex flex-wrap gap-4 text-sm">
          {(["generate", "type"] as const).map((value) => (
            <label key={value} className="inline-flex items-center gap-2">
              <input type="radio" name="passwordMode" value={value} checked={mode === value} onChange={() => setMode(value)} className="size-4" />
              {value === "generate" ? "Generate a password" : "Type a password"}
            </label>
          ))}
        </div>
      ) : (
        <input type="hidden" name="passwordMode" value="type" />
      )}
      {mode === "type" ? (
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
          hint={`At least ${PASSWORD_MIN} characters and hard to guess: three or four unrelated words work well.`}
          error={error}
        />
      ) : (
        <p className="text-xs text-slate-500">A random 20-character password is made when you save and shown to you once.</p>
      )}
    </fieldset>
  );
}

/** A generated password in a read-only, copyable field, with the note that it is shown only once. */
export function OneTimePassword({ password, who }: { password: string; who: string }) {
  const id = useId();
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const copyToClipboard = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  };
  return (
    <div className="space-y-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Generated password for {who}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={password}
          onFocus={(e) => e.currentTarget.select()}
          aria-describedby={`${id}-note`}
          className={`${controlClasses} font-mono`}
          spellCheck={false}
          autoComplete="off"
        />
        <Button variant="secondary" onClick={copyToClipboard}>
          Copy
        </Button>
      </div>
      <p id={`${id}-note`} className="text-xs text-amber-900">
        This password is shown only once. Copy it now and pass it on securely (in person or through a password manager), not by
        email or chat. It works right away.
      </p>
      <p aria-live="polite" className="text-xs text-slate-700">
        {copy === "copied" ? "Copied to the clipboard." : copy === "failed" ? "Copying did not work here: select the field and copy it yourself." : ""}
      </p>
    </div>
  );
}
