"use client";

import { useActionState, useEffect, useId } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import type { ApprovalRuleRow } from "@/lib/approvals/rules";
import { APPROVAL_OPERATION_LABELS, APPROVAL_OPERATIONS, DEFAULT_TIMEOUT_HOURS } from "@/lib/schemas/approval";
import { saveApprovalRuleAction } from "./approval-rules-actions";

type Props = { appId: string; rule: ApprovalRuleRow | null; policies: { id: string; name: string }[]; onDone?: () => void };

/** Add or edit one approval rule: scope, operations, bulk threshold, channel, timeout, two approvers for deletes. */
export function ApprovalRuleForm({ appId, rule, policies, onDone }: Props) {
  const [state, formAction, pending] = useActionState(saveApprovalRuleAction.bind(null, appId, rule?.id ?? null), null);
  const toast = useToast();
  const opsId = useId();
  useEffect(() => {
    if (state?.ok) {
      toast(state.message ?? "Saved.");
      onDone?.();
    }
  }, [state, toast, onDone]);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  // After an error the form shows what was typed; otherwise the rule's values (or the defaults for a new rule).
  const v = (key: string, fallback: string) => failed?.values?.[key] ?? fallback;
  const checkedOps = failed ? (failed.values?.operations ?? "").split(",").filter(Boolean) : (rule?.operations ?? []);
  const checkbox = (key: string, fallback: boolean) => (failed ? failed.values?.[key] === "on" : fallback);
  const opsError = errors.operations?.join(" ");
  return (
    <form key={failed ? JSON.stringify(failed.values) : "initial"} action={formAction} className="space-y-4" noValidate aria-label={rule ? "Edit approval rule" : "Add approval rule"}>
      <FormMessage message={failed?.message} />
      <SelectField label="Applies to" name="policyId" defaultValue={v("policyId", rule?.policyId ?? "")} error={errors.policyId} hint="Every change of this app, or only changes through one policy's groups.">
        <option value="">Every change of this app</option>
        {policies.map((p) => (
          <option key={p.id} value={p.id}>
            Policy {p.name}
          </option>
        ))}
      </SelectField>
      <fieldset aria-describedby={opsError ? `${opsId}-error` : undefined} aria-invalid={opsError ? true : undefined}>
        <legend className="text-sm font-medium text-slate-700">Operations that need approval</legend>
        <div className="mt-2 grid grid-cols-2 gap-2">
          {APPROVAL_OPERATIONS.map((op) => (
            <label key={op} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="operations" value={op} defaultChecked={checkedOps.includes(op)} className="size-4" />
              {APPROVAL_OPERATION_LABELS[op]}
            </label>
          ))}
        </div>
        {opsError ? (
          <p id={`${opsId}-error`} className="mt-1 text-xs text-red-700">
            {opsError}
          </p>
        ) : null}
      </fieldset>
      <TextField
        label="Any change affecting more than this many accounts"
        name="bulkThreshold"
        inputMode="numeric"
        defaultValue={v("bulkThreshold", rule?.bulkThreshold?.toString() ?? "")}
        error={errors.bulkThreshold}
        hint="Leave empty for no size limit. A bulk change is one request (&quot;Create 120 accounts&quot;)."
      />
      <TextField
        label="Slack channel"
        name="channel"
        defaultValue={v("channel", rule?.channel ?? "")}
        error={errors.channel}
        hint="Where this app's requests are posted, e.g. #it-approvals. Empty: the default channel from Settings > Slack."
      />
      <TextField
        label="Hours a request may wait"
        name="timeoutHours"
        inputMode="numeric"
        defaultValue={v("timeoutHours", String(rule?.timeoutHours ?? DEFAULT_TIMEOUT_HOURS))}
        error={errors.timeoutHours}
        hint="After this the request expires and its change is cancelled."
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="twoApproversForDelete" defaultChecked={checkbox("twoApproversForDelete", rule?.twoApproversForDelete ?? false)} className="size-4" />
        Deletes need two different approvers
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="enabled" defaultChecked={checkbox("enabled", rule?.enabled ?? true)} className="size-4" />
        Rule is on
      </label>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : rule ? "Save rule" : "Add rule"}
      </Button>
    </form>
  );
}
