import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { cn } from "./cn";

const CONTROL =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-500 disabled:bg-slate-100";

type FieldShell = { label: string; error?: string[] | string; hint?: ReactNode; required?: boolean; className?: string };

function Shell({
  id,
  label,
  error,
  hint,
  required,
  className,
  children,
}: FieldShell & { id: string; children: ReactNode }) {
  const errors = typeof error === "string" ? [error] : (error ?? []);
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        {required ? <span className="text-red-600" aria-hidden="true"> *</span> : null}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors.length > 0 ? (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, error: FieldShell["error"], hint: ReactNode) {
  const ids = [hint ? `${id}-hint` : "", error && error.length > 0 ? `${id}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** A labelled text input with its error and hint wired to aria attributes. */
export function TextField({ label, error, hint, required, className, id: givenId, ...props }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  const invalid = Boolean(error && error.length > 0);
  return (
    <Shell id={id} label={label} error={error} hint={hint} required={required} className={className}>
      <input
        id={id}
        required={required}
        aria-invalid={invalid}
        aria-describedby={describedBy(id, error, hint)}
        className={CONTROL}
        {...props}
      />
    </Shell>
  );
}

/** A labelled select. */
export function SelectField({ label, error, hint, required, className, id: givenId, children, ...props }: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <Shell id={id} label={label} error={error} hint={hint} required={required} className={className}>
      <select id={id} required={required} aria-invalid={Boolean(error && error.length > 0)} aria-describedby={describedBy(id, error, hint)} className={CONTROL} {...props}>
        {children}
      </select>
    </Shell>
  );
}

/** A labelled multi-line text area. */
export function TextAreaField({ label, error, hint, required, className, id: givenId, ...props }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <Shell id={id} label={label} error={error} hint={hint} required={required} className={className}>
      <textarea id={id} required={required} aria-invalid={Boolean(error && error.length > 0)} aria-describedby={describedBy(id, error, hint)} className={CONTROL} {...props} />
    </Shell>
  );
}

export const controlClasses = CONTROL;
