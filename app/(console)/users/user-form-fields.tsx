"use client";

import { useEffect, useRef, useState, type FocusEvent } from "react";
import { TextField } from "@/components/ui/field";
import { userFormInput, userFormSchema, type CustomAttributeRow } from "@/lib/schemas/user";
import type { UserChoice } from "@/lib/users/user-shape";
import { CustomAttributesField } from "./custom-attributes-field";
import { ManagerPicker } from "./manager-picker";

export type UserFormDefaults = {
  userName: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string;
  title: string;
  department: string;
  phone: string;
  employeeNumber: string;
  manager: UserChoice | null;
  customRows: CustomAttributeRow[];
};

type Errors = Record<string, string[] | undefined>;

type Props = {
  defaults: UserFormDefaults;
  serverErrors: Errors;
  submittedValues?: Record<string, string>;
  excludeManagerId?: string;
  focusFirstError: boolean;
};

const FIELD_OF_INPUT: Record<string, string> = { customKey: "customAttributes", customValue: "customAttributes" };

/**
 * The fields of the user form. Checks a field with the same zod schema as the server when the
 * person leaves it; server errors (uniqueness) stay until the value changes.
 */
export function UserFormFields({ defaults, serverErrors, submittedValues, excludeManagerId, focusFirstError }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [checked, setChecked] = useState<Record<string, { errors: string[]; value: string }>>({});

  useEffect(() => {
    if (focusFirstError) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusFirstError]);

  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    const target = e.target as HTMLInputElement;
    const form = target.form;
    if (!form || !target.name) return;
    const field = FIELD_OF_INPUT[target.name] ?? target.name;
    const result = userFormSchema.safeParse(userFormInput(new FormData(form)));
    const errors = result.success ? [] : result.error.issues.filter((i) => i.path[0] === field).map((i) => i.message);
    setChecked((all) => ({ ...all, [field]: { errors, value: target.value } }));
  };

  const errorOf = (field: string): string[] | undefined => {
    const local = checked[field];
    if (!local) return serverErrors[field];
    if (local.errors.length > 0) return local.errors;
    // The server's verdict (a taken email, say) holds while the value is what was submitted.
    return submittedValues && submittedValues[field] === local.value ? serverErrors[field] : undefined;
  };

  const text = (name: keyof UserFormDefaults & string, label: string, extra: { required?: boolean; type?: string; maxLength: number; autoComplete?: string; hint?: string }) => (
    <TextField
      label={label}
      name={name}
      defaultValue={String(defaults[name] ?? "")}
      error={errorOf(name)}
      required={extra.required}
      type={extra.type ?? "text"}
      maxLength={extra.maxLength}
      autoComplete={extra.autoComplete ?? "off"}
      hint={extra.hint}
    />
  );

  return (
    <div ref={ref} onBlur={onBlur} className="space-y-6">
      <section aria-labelledby="identity-heading" className="space-y-4">
        <h2 id="identity-heading" className="text-base font-semibold text-slate-900">
          Identity
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          {text("userName", "User name", { required: true, maxLength: 128, hint: "The login apps see; no spaces, unique ignoring case." })}
          {text("email", "Primary email", { required: true, type: "email", maxLength: 254 })}
          {text("firstName", "First name", { required: true, maxLength: 64 })}
          {text("lastName", "Last name", { required: true, maxLength: 64 })}
          {text("displayName", "Display name", { maxLength: 128, hint: "Leave empty to use first and last name." })}
        </div>
      </section>
      <section aria-labelledby="work-heading" className="space-y-4">
        <h2 id="work-heading" className="text-base font-semibold text-slate-900">
          Work
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          {text("title", "Title", { maxLength: 128 })}
          {text("department", "Department", { maxLength: 128 })}
          {text("phone", "Phone", { type: "tel", maxLength: 32 })}
          {text("employeeNumber", "Employee number", { maxLength: 64 })}
        </div>
        <ManagerPicker initial={defaults.manager} excludeId={excludeManagerId} error={errorOf("managerId")} />
      </section>
      <CustomAttributesField initial={defaults.customRows} error={errorOf("customAttributes")} />
    </div>
  );
}
