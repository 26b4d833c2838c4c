import type { FieldChange } from "@/lib/audit-log/diff";

function summary(changes: FieldChange[]): string {
  if (changes.length <= 3) return changes.map((c) => c.field).join(", ");
  return `${changes.length} fields`;
}

function Value({ text, tone }: { text: string; tone: "before" | "after" }) {
  if (text === "") return <span className="text-slate-400 italic">empty</span>;
  return <span className={tone === "before" ? "text-red-800 line-through decoration-red-300" : "text-emerald-800"}>{text}</span>;
}

/** The fields an audit row changed, folded away until the reader opens them. */
export function ChangesCell({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <details className="w-72 max-w-md">
      <summary className="cursor-pointer text-indigo-700">{summary(changes)}</summary>
      <dl className="mt-2 space-y-1 text-xs">
        {changes.map((change) => (
          <div key={change.field} className="wrap-anywhere">
            <dt className="inline font-medium text-slate-700">{change.field}: </dt>
            <dd className="inline">
              <Value text={change.before} tone="before" /> <span aria-label="changed to">→</span> <Value text={change.after} tone="after" />
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
