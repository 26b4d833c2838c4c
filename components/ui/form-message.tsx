import { cn } from "./cn";

/** The form-level message, announced to screen readers when it changes. */
export function FormMessage({ message, tone = "error" }: { message?: string; tone?: "error" | "success" }) {
  return (
    <div aria-live="polite" role="status" className="min-h-0">
      {message ? (
        <p
          className={cn(
            "rounded-md px-3 py-2 text-sm",
            tone === "error" ? "bg-red-50 text-red-800 ring-1 ring-red-200" : "bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200",
          )}
        >
          {message}
        </p>
      ) : null}
    </div>
  );
}
