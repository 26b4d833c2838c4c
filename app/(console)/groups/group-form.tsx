"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX } from "@/lib/schemas/group";

type FormAction = (prev: ActionResult<{ id: string }> | null, formData: FormData) => Promise<ActionResult<{ id: string }>>;

/** Create Group and Edit: name and description; keeps what was typed after an error. */
export function GroupForm({
  action,
  initial = { name: "", description: "" },
  submitLabel,
  cancelHref,
}: {
  action: FormAction;
  initial?: { name: string; description: string };
  submitLabel: string;
  cancelHref: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const toast = useToast();
  const router = useRouter();

  useEffect(() => {
    if (state?.ok) {
      toast(state.message ?? "Saved.");
      router.push(`/groups/${state.data.id}`);
    }
  }, [state, toast, router]);

  const values = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="max-w-xl space-y-4" noValidate>
      <FormMessage message={state && !state.ok ? state.message : undefined} />
      <TextField
        label="Name"
        name="name"
        required
        maxLength={GROUP_NAME_MAX}
        autoComplete="off"
        defaultValue={values?.name ?? initial.name}
        error={errors?.name}
      />
      <TextAreaField
        label="Description"
        name="description"
        rows={4}
        maxLength={GROUP_DESCRIPTION_MAX}
        hint={`Optional. Up to ${GROUP_DESCRIPTION_MAX} characters; line breaks are kept.`}
        defaultValue={values?.description ?? initial.description}
        error={errors?.description}
      />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        <Link href={cancelHref} className={buttonClasses("secondary")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
