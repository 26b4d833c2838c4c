"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import type { TablePage } from "@/components/data-table/table-page";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import type { AppSummary } from "@/lib/apps/types";
import { APP_KIND_LABELS } from "@/lib/schemas/app";
import { HealthBadge } from "./health-badge";

type Props = { page: TablePage<AppSummary>; canConnect: boolean };

const COLUMNS: ColumnDef<AppSummary, unknown>[] = [
  {
    id: "name",
    header: "Name",
    cell: ({ row }) => (
      <Link href={`/apps/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
        {row.original.name}
      </Link>
    ),
  },
  { id: "kind", header: "Kind", cell: ({ row }) => APP_KIND_LABELS[row.original.kind] },
  { id: "health", header: "Health", cell: ({ row }) => <HealthBadge health={row.original.health} /> },
  { id: "accountCount", header: "Accounts", enableSorting: false, cell: ({ row }) => row.original.accountCount.toLocaleString("en-US") },
  { id: "verifiedAt", header: "Last verified", enableSorting: false, cell: ({ row }) => <LocalTime iso={row.original.verifiedAt} empty="Never" /> },
  { id: "createdAt", header: "Added", cell: ({ row }) => <LocalTime iso={row.original.createdAt} /> },
];

/** The apps list: name search, sort by name / kind / health / added, paging. */
export function AppsTable({ page, canConnect }: Props) {
  const { q } = page;
  const empty = q ? (
    <p className="text-sm text-slate-600">No apps match “{q}”. Try a shorter name.</p>
  ) : (
    <EmptyState
      title="No apps connected yet"
      action={
        canConnect ? (
          <Link href="/apps/new" className={buttonClasses()}>
            Add app
          </Link>
        ) : null
      }
    >
      <p>Connect Slack or any SCIM 2.0 app with its SCIM base URL and a bearer token; then add a policy that grants it to a group.</p>
    </EmptyState>
  );
  return (
    <DataTable
      label="Apps"
      columns={COLUMNS}
      page={page}
      searchLabel="Search apps by name"
      getRowId={(row) => row.id}
      empty={empty}
    />
  );
}
