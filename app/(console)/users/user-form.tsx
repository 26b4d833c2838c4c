"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import type { CustomAttributeRow } from "@/lib/schemas/user";
import type { UserChoice } from "@/lib/users/user-shape";
import { createUserAction, updateUserAction, type UserFormState } from "./actions";
import { UserFormFields, type UserFormDefaults } from "./user-form-fields";

type Props = { mode: "create" } | { mode: "edit"; userId: string; defaults: UserFormDefaults };

const EMPTY: UserFormDefaults = {
  userName: "",
  email: "",
  firstName: "",
  lastName: "",
  displayName: "",
  title: "",
  department: "",
  phone: "",
  employeeNumber: "",
  manager: null,
  customRows: [],
};

/** What the person typed in the last (failed) submission, as form defaults. */
function defaultsFromValues(values: Record<string, string>): UserFormDefaults {
  let customRows: CustomAttributeRow[] = [];
  try {
    const parsed: unknown = JSON.parse(values.customRows ?? "[]");
    if (Array.isArray(parsed)) customRows = parsed.map((r: { key?: unknown; value?: unknown }) => ({ key: String(r?.key ?? ""), value: String(r?.value ?? "") }));
  } catch {
    // Malformed echo: start the rows empty rather than fail the form.
  }
  const manager: UserChoice | null = values.managerId ? { id: values.managerId, label: values.managerLabel || values.managerId } : null;
  return { ...EMPTY, ...values, manager, customRows };
}

/** Add User and Edit user: one form, kept filled in after an error, toast and detail page on success. */
export function UserForm(props: Props) {
  const router = useRouter();
  const toast = useToast();
  const serverAction = props.mode === "edit" ? updateUserAction.bind(null, props.userId) : createUserAction;
  const [state, formAction, pending] = useActionState<UserFormState, FormData>(async (prev, formData) => {
    const result = await serverAction(null, formData);
    // Counts submissions so the fields remount with what was typed (see UserFormFields' key).
    return result && { ...result, submission: (prev?.submission ?? 0) + 1 };
  }, null);

  useEffect(() => {
    if (!state?.ok) return;
    toast(props.mode === "edit" ? `Saved ${state.data.userName}.` : `Added ${state.data.userName}.`);
    router.push(`/users/${state.data.id}`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  const failed = state && !state.ok ? state : null;
  const defaults = failed?.values ? defaultsFromValues(failed.values) : props.mode === "edit" ? props.defaults : EMPTY;

  return (
    <form action={formAction} noValidate className="max-w-3xl space-y-6">
      <FormMessage message={failed?.message} />
      <UserFormFields
        key={state?.submission ?? 0}
        defaults={defaults}
        serverErrors={failed?.fieldErrors ?? {}}
        submittedValues={failed?.values}
        excludeManagerId={props.mode === "edit" ? props.userId : undefined}
        focusFirstError={Boolean(failed)}
      />
      <div className="flex gap-3 border-t border-slate-200 pt-4">
        <Button type="submit" disabled={pending || Boolean(state?.ok)}>
          {pending ? "Saving…" : props.mode === "edit" ? "Save changes" : "Add user"}
        </Button>
        <Link href={props.mode === "edit" ? `/users/${props.userId}` : "/users"} className={buttonClasses("secondary")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
