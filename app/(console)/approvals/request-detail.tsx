import type { ApprovalDetail, DetailChange } from "@/lib/approvals/detail";

const OPERATION_LABELS: Record<string, string> = {
  create: "Create",
  update: "Update",
  deactivate: "Deactivate",
  reactivate: "Reactivate",
  delete: "Delete",
  group_push: "Push group",
  group_delete: "Remove group",
};

/** An operation in words ("Create", "Push group"). */
export function operationLabel(operation: string): string {
  return OPERATION_LABELS[operation] ?? operation;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function Changes({ changes }: { changes: DetailChange[] }) {
  if (changes.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
      {changes.map((c) => (
        <li key={c.path} className="wrap-anywhere">
          <code>{c.path}</code>: {show(c.from)} → <strong>{show(c.to)}</strong>
        </li>
      ))}
    </ul>
  );
}

/** Exactly what the change does: counts per operation, the users and groups, their attribute changes. */
export function RequestDetail({ detail, subjectCount }: { detail: ApprovalDetail; subjectCount: number }) {
  const counts = Object.entries(detail.counts);
  return (
    <div className="space-y-4">
      {counts.length > 1 ? (
        <p className="text-sm text-slate-700">{counts.map(([op, n]) => `${operationLabel(op)}: ${n.toLocaleString("en-US")}`).join(" · ")}</p>
      ) : null}
      {detail.users.length > 0 ? (
        <section aria-label="Users">
          <h3 className="text-sm font-semibold text-slate-900">Users</h3>
          <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
            {detail.users.map((u) => (
              <li key={u.id} className="px-3 py-2 text-sm">
                <span className="font-medium">{u.displayName}</span> <span className="text-slate-600">{u.userName}</span>
                {u.email && u.email !== u.userName ? <span className="text-slate-500"> · {u.email}</span> : null}
                <span className="ml-2 text-xs text-slate-500">{operationLabel(u.operation)}</span>
                <Changes changes={u.changes ?? []} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {detail.groups.length > 0 ? (
        <section aria-label="Groups">
          <h3 className="text-sm font-semibold text-slate-900">Groups</h3>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {detail.groups.map((g) => (
              <li key={g.id}>
                {g.name} <span className="text-xs text-slate-500">{operationLabel(g.operation)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {detail.more > 0 ? (
        <p className="text-sm text-slate-600">
          And {detail.more.toLocaleString("en-US")} more ({subjectCount.toLocaleString("en-US")} in all).
        </p>
      ) : null}
    </div>
  );
}
