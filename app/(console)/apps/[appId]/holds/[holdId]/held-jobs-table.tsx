"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import type { TablePage } from "@/components/data-table/table-page";
import { Badge } from "@/components/ui/badge";
import type { HeldJobRow } from "@/lib/provisioning/holds/types";

type Props = { page: TablePage<HeldJobRow> };

const COLUMNS: ColumnDef<HeldJobRow, unknown>[] = [
  {
    id: "subjectLabel",
    header: "User",
    cell: ({ row }) => (
      <Link href={`/users/${row.original.subjectId}`} className="font-medium text-indigo-700 hover:underline">
        {row.original.displayName ? `${row.original.displayName} (${row.original.subjectLabel})` : row.original.subjectLabel}
      </Link>
    ),
  },
  { id: "operation", header: "Would", cell: ({ row }) => <Badge tone={row.original.operation === "create" || row.original.operation === "update" ? "info" : "warning"}>{row.original.operation}</Badge> },
  { id: "status", header: "Status", enableSorting: false, cell: ({ row }) => row.original.status },
];

/** The users a held change affects: paged, sortable, searchable by userName. */
export function HeldJobsTable({ page }: Props) {
  const { q } = page;
  return (
    <DataTable
      label="Affected users"
      columns={COLUMNS}
      page={page}
      searchLabel="Search affected users"
      getRowId={(row) => row.id}
      empty={<p className="text-sm text-slate-600">{q ? `No affected user matches “${q}”.` : "This change has no operations left."}</p>}
    />
  );
}
