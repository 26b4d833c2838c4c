"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import type { TablePage } from "@/components/data-table/table-page";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { GroupSummary } from "@/lib/groups/types";
import { DeleteGroupButton } from "./delete-group-button";
import { formatDate } from "./format";

type Props = { page: TablePage<GroupSummary>; canWrite: boolean };

function columns(canWrite: boolean): ColumnDef<GroupSummary, unknown>[] {
  const base: ColumnDef<GroupSummary, unknown>[] = [
    {
      id: "name",
      header: "Name",
      cell: ({ row }) => (
        <Link href={`/groups/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
          {row.original.name}
        </Link>
      ),
    },
    {
      id: "description",
      header: "Description",
      enableSorting: false,
      cell: ({ row }) => (
        <span className="line-clamp-2 max-w-md whitespace-pre-line text-slate-600">{row.original.description || "—"}</span>
      ),
    },
    { id: "memberCount", header: "Members", cell: ({ row }) => row.original.memberCount.toLocaleString("en-US") },
    { id: "createdAt", header: "Created", cell: ({ row }) => formatDate(row.original.createdAt) },
  ];
  if (!canWrite) return base;
  return [
    ...base,
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      enableSorting: false,
      cell: ({ row }) => (
        <div className="flex justify-end gap-1">
          <Link href={`/groups/${row.original.id}/edit`} className={buttonClasses("ghost", "sm")} aria-label={`Edit ${row.original.name}`}>
            Edit
          </Link>
          <DeleteGroupButton group={row.original} />
        </div>
      ),
    },
  ];
}

/** The groups list: name search, sort by name / members / created, paging, row actions for admins. */
export function GroupsTable({ page, canWrite }: Props) {
  const cols = useMemo(() => columns(canWrite), [canWrite]);
  const { q } = page;
  const empty = q ? (
    <p className="text-sm text-slate-600">No groups match “{q}”. Try a shorter name.</p>
  ) : (
    <EmptyState
      title="No groups yet"
      action={
        canWrite ? (
          <Link href="/groups/new" className={buttonClasses()}>
            Create Group
          </Link>
        ) : null
      }
    >
      <p>Groups collect users so that policies can give all of them access to an app at once.</p>
    </EmptyState>
  );
  return (
    <DataTable
      label="Groups"
      columns={cols}
      page={page}
      searchLabel="Search groups by name"
      getRowId={(row) => row.id}
      empty={empty}
    />
  );
}
