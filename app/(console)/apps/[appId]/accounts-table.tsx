"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import type { TablePage } from "@/components/data-table/table-page";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import type { AppAccountRow } from "@/lib/apps/types";

type Props = { page: TablePage<AppAccountRow> };

const STATE_TONES: Record<string, "neutral" | "success" | "warning" | "danger" | "info"> = {
  pending: "info",
  active: "success",
  deactivated: "warning",
  deleted: "neutral",
  gone: "neutral",
  failed: "danger",
};

const COLUMNS: ColumnDef<AppAccountRow, unknown>[] = [
  {
    id: "userName",
    header: "User",
    cell: ({ row }) => (
      <Link href={`/users/${row.original.userId}`} className="font-medium text-indigo-700 hover:underline">
        {row.original.displayName} ({row.original.userName})
      </Link>
    ),
  },
  { id: "remoteId", header: "Remote id", enableSorting: false, cell: ({ row }) => <span className="font-mono text-xs">{row.original.remoteId ?? "—"}</span> },
  { id: "state", header: "State", cell: ({ row }) => <Badge tone={STATE_TONES[row.original.state] ?? "neutral"}>{row.original.state}</Badge> },
  { id: "lastSyncAt", header: "Last sync", cell: ({ row }) => <LocalTime iso={row.original.lastSyncAt} empty="Never" /> },
  {
    id: "lastError",
    header: "Last error",
    enableSorting: false,
    cell: ({ row }) => <span className="line-clamp-2 max-w-md text-red-800">{row.original.lastError ?? ""}</span>,
  },
];

/** The app's account links: search by user, sort by user / state / last sync. */
export function AccountsTable({ page }: Props) {
  const { q } = page;
  const empty = q ? (
    <p className="text-sm text-slate-600">No accounts match “{q}”.</p>
  ) : (
    <EmptyState title="No accounts yet">
      <p>No accounts yet: add a policy that grants this app to a group.</p>
    </EmptyState>
  );
  return (
    <DataTable
      label="Accounts"
      columns={COLUMNS}
      page={page}
      searchLabel="Search accounts by user"
      getRowId={(row) => row.id}
      empty={empty}
    />
  );
}
