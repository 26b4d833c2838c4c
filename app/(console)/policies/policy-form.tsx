"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import type { ActionResult, FieldErrors } from "@/lib/action-result";
import type { PolicyImpact } from "@/lib/policies/preview-policy-impact";
import type { PolicyFormOptions } from "@/lib/policies/types";
import { APPROVAL_RULE_LABELS, APPROVAL_RULES, LOGIN_METHODS, POLICY_NAME_MAX, type ApprovalRule } from "@/lib/schemas/policy";
import { GroupPicker } from "./group-picker";
import { ImpactPreview } from "./impact-preview";

type SaveAction = (prev: ActionResult<{ id: string }> | null, formData: FormData) => Promise<ActionResult<{ id: string }>>;
type PreviewAction = (formData: FormData) => Promise<ActionResult<PolicyImpact>>;
export type PolicyFormInitial = { appId: string; groupIds: string[]; name: string; loginMethod: string; enabled: boolean; approvalRule: ApprovalRule };

const EMPTY: PolicyFormInitial = { appId: "", groupIds: [], name: "", loginMethod: "SAML SSO", enabled: true, approvalRule: "none" };

/**
 * Add Policy and Edit: choose the application and groups, name it, pick the login method label and
 * approval rule, then Preview impact (what each app will do) before Save. Any edit after a preview
 * asks for a fresh one, so what is saved is what was previewed.
 */
export function PolicyForm({
  action,
  preview,
  options,
  initial = EMPTY,
  submitLabel,
  cancelHref,
}: {
  action: SaveAction;
  preview: PreviewAction;
  options: PolicyFormOptions;
  initial?: PolicyFormInitial;
  submitLabel: string;
  cancelHref: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const [groupIds, setGroupIds] = useState(initial.groupIds);
  const [impact, setImpact] = useState<PolicyImpact | null>(null);
  const [previewFailure, setPreviewFailure] = useState<{ message: string; fieldErrors?: FieldErrors } | null>(null);
  const [previewing, startPreview] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const toast = useToast();
  const router = useRouter();

  // A new save result replaces whatever the last preview said (adjusting state during render, not in an effect).
  const [seenState, setSeenState] = useState(state);
  if (state !== seenState) {
    setSeenState(state);
    setImpact(null);
    setPreviewFailure(null);
  }

  useEffect(() => {
    if (state?.ok) {
      toast(state.message ?? "Saved.");
      router.push("/policies");
    }
  }, [state, toast, router]);

  const runPreview = () => {
    const form = formRef.current;
    if (!form) return;
    const formData = new FormData(form);
    startPreview(async () => {
      const result = await preview(formData);
      if (result.ok) {
        setImpact(result.data);
        setPreviewFailure(null);
      } else {
        setImpact(null);
        setPreviewFailure({ message: result.message, fieldErrors: result.fieldErrors });
      }
    });
  };

  const invalidatePreview = (event: FormEvent<HTMLFormElement>) => {
    // Filtering the group list changes nothing that would be saved.
    if ((event.target as HTMLInputElement).type === "search") return;
    setImpact(null);
  };

  const saveFailure = state && !state.ok ? state : null;
  const failure = previewFailure ?? saveFailure;
  const errors = failure?.fieldErrors;
  const values = saveFailure?.values;
  return (
    <form ref={formRef} action={formAction} onChange={invalidatePreview} className="max-w-2xl space-y-4" noValidate>
      <FormMessage message={failure?.message} />
      <SelectField label="Application" name="appId" required defaultValue={values?.appId ?? initial.appId} error={errors?.appId}>
        <option value="">Select an application</option>
        {options.apps.map((app) => (
          <option key={app.id} value={app.id}>
            {app.name}
          </option>
        ))}
      </SelectField>
      <GroupPicker
        groups={options.groups}
        selected={groupIds}
        onChange={(ids) => {
          setGroupIds(ids);
          setImpact(null);
        }}
        error={errors?.groupIds}
      />
      <TextField
        label="Policy name"
        name="name"
        required
        maxLength={POLICY_NAME_MAX}
        autoComplete="off"
        defaultValue={values?.name ?? initial.name}
        error={errors?.name}
      />
      <SelectField
        label="Login method"
        name="loginMethod"
        defaultValue={values?.loginMethod ?? initial.loginMethod}
        error={errors?.loginMethod}
        hint="A label recorded on the policy; it does not change how users sign in to the app."
      >
        {LOGIN_METHODS.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Approval rule"
        name="approvalRule"
        defaultValue={values?.approvalRule ?? initial.approvalRule}
        error={errors?.approvalRule}
        hint="A label recorded on the policy. What waits for approval is decided by the app's approval rules (Apps > the app > Approval rules), which can apply to this policy alone."
      >
        {APPROVAL_RULES.map((r) => (
          <option key={r} value={r}>
            {APPROVAL_RULE_LABELS[r]}
          </option>
        ))}
      </SelectField>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="enabled" className="size-4" defaultChecked={values ? values.enabled === "on" : initial.enabled} />
        Enabled <span className="text-slate-500">(members of the groups get the app only while the policy is enabled)</span>
      </label>

      <section aria-label="Impact preview" className="rounded-md border border-slate-200 bg-slate-50 p-4">
        <h2 className="text-sm font-semibold text-slate-900">Impact preview</h2>
        <div className="mt-2">
          {impact ? (
            <ImpactPreview impact={impact} />
          ) : (
            <p className="text-sm text-slate-600">Preview what saving will do in each app before you save.</p>
          )}
        </div>
      </section>

      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={runPreview} disabled={previewing || pending}>
          {previewing ? "Previewing…" : "Preview impact"}
        </Button>
        <Button type="submit" disabled={!impact || pending || previewing}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        <Link href={cancelHref} className={buttonClasses("ghost")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
