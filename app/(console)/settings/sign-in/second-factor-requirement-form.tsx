"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import type { SecondFactorRequirement } from "@/lib/sign-in/second-factor-policy";
import { saveSecondFactorRequirementAction } from "./actions";

const OPTIONS: { value: SecondFactorRequirement; label: string; description: string }[] = [
  { value: "admins", label: "Admins", description: "Admins must have one; approvers and auditors may add one. The default." },
  { value: "everyone", label: "Every operator", description: "Admins, approvers and auditors must all have one." },
  { value: "nobody", label: "Nobody", description: "Nobody must; a password alone signs in operators who have not set one up." },
];

const LABELS = Object.fromEntries(OPTIONS.map((o) => [o.value, o.label])) as Record<SecondFactorRequirement, string>;

/** The "Require a second factor for" radio group; read-only without admins:write. */
export function SecondFactorRequirementForm({ requirement, canWrite }: { requirement: SecondFactorRequirement; canWrite: boolean }) {
  const toast = useToast();
  const [choice, setChoice] = useState(requirement);
  const [state, action, pending] = useActionState(async (prev: ActionResult<{ requirement: SecondFactorRequirement }> | null, formData: FormData) => {
    const result = await saveSecondFactorRequirementAction(prev, formData);
    if (result.ok) toast(`A second factor is now required for: ${LABELS[result.data.requirement]}.`);
    return result;
  }, null);
  const failed = state && !state.ok ? state : undefined;
  const error = failed?.fieldErrors?.requirement;
  return (
    <form onSubmit={submitKeepingValues(action)} className="max-w-xl space-y-4" noValidate aria-label="Second factor requirement">
      <FormMessage message={failed?.message} />
      <fieldset disabled={!canWrite} aria-describedby={error ? "requirement-error" : canWrite ? undefined : "requirement-read-only"} aria-invalid={Boolean(error)}>
        <legend className="text-sm font-medium text-slate-700">Require a second factor for</legend>
        <div className="mt-2 space-y-2">
          {OPTIONS.map((option) => (
            <label key={option.value} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="requirement"
                value={option.value}
                checked={choice === option.value}
                onChange={() => setChoice(option.value)}
                className="mt-0.5 size-4"
                aria-describedby={`requirement-${option.value}-hint`}
              />
              <span>
                <span className="font-medium text-slate-900">{option.label}</span>
                <span id={`requirement-${option.value}-hint`} className="block text-xs text-slate-500">
                  {option.description}
                </span>
              </span>
            </label>
          ))}
        </div>
        {error ? (
          <p id="requirement-error" className="mt-1 text-xs text-red-700">
            {error.join(" ")}
          </p>
        ) : null}
      </fieldset>
      {canWrite ? (
        <Button type="submit" disabled={pending || choice === requirement}>
          {pending ? "Saving…" : "Save"}
        </Button>
      ) : (
        <p id="requirement-read-only" className="text-xs text-slate-500">
          Only admins can change this.
        </p>
      )}
    </form>
  );
}
