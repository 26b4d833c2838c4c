"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { DataTable } from "@/components/data-table/data-table";
import type { TablePage } from "@/components/data-table/table-page";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage } from "@/components/ui/form-message";
import { LocalTime } from "@/components/ui/local-time";
import { useToast } from "@/components/ui/toast";
import type { ConflictRow } from "@/lib/reconcile/types";
import type { ConflictResolution } from "@/lib/schemas/reconcile";
import { resolveConflictAction } from "./reconcile-actions";

type Props = { page: TablePage<ConflictRow>; appId: string; canWrite: boolean };

const DONE: Record<ConflictResolution, string> = { link: "Linked", create: "Account creation queued", skip: "Skipped" };

/** Link / Create / Skip for one conflict; Link asks which account, Create and Skip confirm. */
function ConflictActions({ appId, conflict }: { appId: string; conflict: ConflictRow }) {
  const [open, setOpen] = useState<ConflictResolution | null>(null);
  const [candidateId, setCandidateId] = useState<string>("");
  const [error, setError] = useState<string | undefined>();
  const [pending, start] = useTransition();
  const toast = useToast();
  const router = useRouter();
  const close = () => {
    setOpen(null);
    setError(undefined);
  };
  const resolve = (resolution: ConflictResolution) =>
    start(async () => {
      const result = await resolveConflictAction(appId, conflict.id, resolution, resolution === "link" ? candidateId : undefined);
      if (!result.ok) {
        setError(result.fieldErrors?.candidateId?.join(" ") ?? result.message);
        return;
      }
      close();
      toast(`${DONE[resolution]}: ${conflict.userLabel}.`);
      router.refresh();
    });
  const name = conflict.userLabel;
  return (
    <div className="flex gap-2">
      <Button size="sm" variant="secondary" onClick={() => setOpen("link")} aria-label={`Link ${name}`}>
        Link
      </Button>
      <Button size="sm" variant="secondary" onClick={() => setOpen("create")} aria-label={`Create ${name}`}>
        Create
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setOpen("skip")} aria-label={`Skip ${name}`}>
        Skip
      </Button>
      <Dialog
        open={open === "link"}
        onClose={close}
        title={`Link ${name} to an existing account`}
        footer={
          <>
            <Button variant="secondary" onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button onClick={() => resolve("link")} disabled={pending || !candidateId}>
              {pending ? "Linking…" : "Link account"}
            </Button>
          </>
        }
      >
        <fieldset className="space-y-2" aria-describedby={error ? "link-error" : undefined}>
          <legend className="mb-2">Choose the account that belongs to {name}. The console then keeps it in line with the directory.</legend>
          {conflict.candidates.map((c) => (
            <label key={c.id} className="flex items-start gap-2 rounded-md p-2 ring-1 ring-slate-200">
              <input type="radio" name={`candidate-${conflict.id}`} value={c.id} checked={candidateId === c.id} onChange={() => setCandidateId(c.id)} className="mt-1 size-4" />
              <span>
                <span className="font-medium">{c.userName}</span> {c.displayName ? `(${c.displayName})` : null}
                <span className="block text-xs text-slate-500">
                  {c.emails.join(", ") || "no email"} · {c.active ? "active" : "deactivated"} · id {c.id}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <div id="link-error">
          <FormMessage message={error} />
        </div>
      </Dialog>
      <ConfirmDialog open={open === "create"} onClose={close} title={`Create a new account for ${name}?`} confirmLabel="Create account" danger={false} onConfirm={() => resolve("create")} pending={pending}>
        None of the {conflict.candidates.length} listed accounts is linked; a create job is queued for {name}. If the app finds an account with the same userName, it is linked instead of duplicated.
        <FormMessage message={error} />
      </ConfirmDialog>
      <ConfirmDialog open={open === "skip"} onClose={close} title={`Skip ${name}?`} confirmLabel="Skip" danger={false} onConfirm={() => resolve("skip")} pending={pending}>
        {name} stays unlinked in this app and is not asked about again while the same accounts match.
        <FormMessage message={error} />
      </ConfirmDialog>
    </div>
  );
}

/** Open sync conflicts: paged, sorted and searched through the URL, with Link / Create / Skip per row. */
export function ConflictsTable({ appId, canWrite, page }: Props) {
  const columns = useMemo<ColumnDef<ConflictRow, unknown>[]>(
    () => [
      { id: "userLabel", header: "Directory user", cell: ({ row }) => <span className="font-medium">{row.original.userLabel}</span> },
      { id: "reason", header: "Why", enableSorting: false, cell: ({ row }) => row.original.reason },
      {
        id: "candidates",
        header: "Accounts in the app",
        enableSorting: false,
        cell: ({ row }) => (
          <ul className="space-y-0.5">
            {row.original.candidates.map((c) => (
              <li key={c.id}>
                {c.userName} <span className="text-xs text-slate-500">{c.emails.join(", ")}</span>
              </li>
            ))}
          </ul>
        ),
      },
      { id: "createdAt", header: "Found", cell: ({ row }) => <LocalTime iso={row.original.createdAt} /> },
      ...(canWrite ? [{ id: "actions", header: "Resolve", enableSorting: false, cell: ({ row }: { row: { original: ConflictRow } }) => <ConflictActions appId={appId} conflict={row.original} /> }] : []),
    ],
    [appId, canWrite],
  );
  const { q } = page;
  const empty = q ? (
    <p className="text-sm text-slate-600">No conflict matches “{q}”.</p>
  ) : (
    <EmptyState title="No conflicts">
      <p>Sync now lists here every directory user whose account in the app is ambiguous (several candidates, or a userName and an email that point at different accounts).</p>
    </EmptyState>
  );
  return (
    <DataTable
      label="Sync conflicts"
      columns={columns}
      page={page}
      searchLabel="Search conflicts by user"
      getRowId={(row) => row.id}
      empty={empty}
    />
  );
}
