import type { ReactNode } from "react";
import { cn } from "./cn";

/** One term and its value; a falsy entry is skipped, so callers can list optional facts inline. */
export type Fact = readonly [term: string, value: ReactNode] | false | null | undefined;

/**
 * Terms and their values in two columns (one on narrow screens), as detail pages show the facts
 * of one record. `label` names the list for screen readers when a page shows more than one.
 */
export function Facts({ rows, label, className }: { rows: Fact[]; label?: string; className?: string }) {
  return (
    <dl aria-label={label} className={cn("grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]", className)}>
      {rows.map((row, i) =>
        row ? (
          // Terms may repeat ("Approved by" once per approver): the index keeps keys unique.
          <div key={`${row[0]}-${i}`} className="contents">
            <dt className="text-slate-500">{row[0]}</dt>
            <dd className="wrap-anywhere text-slate-900">{row[1]}</dd>
          </div>
        ) : null,
      )}
    </dl>
  );
}
