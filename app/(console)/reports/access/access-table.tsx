"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import type { ReactNode } from "react";
import { DataTable } from "@/components/data-table/data-table";
import type { TablePage } from "@/components/data-table/table-page";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import type { AccessRow } from "@/lib/reports/access-at";

const columns: ColumnDef<AccessRow, unknown>[] = [
  {
    id: "user",
    header: "User",
    cell: ({ row }) => {
      const r = row.original;
      return (
        <span className="block max-w-72 wrap-anywhere">
          {r.inDirectory ? (
            <Link href={`/users/${r.userId}`} className="text-indigo-700 underline">
              {r.userIdentifier}
            </Link>
          ) : (
            r.userIdentifier
          )}
          {r.displayName ? <span className="block text-xs text-slate-500">{r.displayName}</span> : null}
        </span>
      );
    },
  },
  { id: "email", header: "Email", enableSorting: false, cell: ({ row }) => <span className="wrap-anywhere">{row.original.email ?? "—"}</span> },
  { id: "since", header: "Active since", cell: ({ row }) => <LocalTime iso={row.original.since} /> },
  {
    id: "directory",
    header: "Directory",
    enableSorting: false,
    cell: ({ row }) => (row.original.inDirectory ? <Badge tone="success">In directory</Badge> : <Badge tone="warning">Deleted since</Badge>),
  },
];

/** The accounts active at the chosen moment. */
export function AccessTable({ page, empty }: { page: TablePage<AccessRow>; empty: ReactNode }) {
  return (
    <DataTable
      label="Active accounts"
      columns={columns}
      page={page}
      searchLabel="Search user, email or name"
      getRowId={(row) => row.userId}
      empty={empty}
    />
  );
}
