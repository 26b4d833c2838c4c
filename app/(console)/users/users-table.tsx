"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { DataTable, useUrlParams } from "@/components/data-table/data-table";
import type { TablePage } from "@/components/data-table/table-page";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/field";
import type { UserRow } from "@/lib/users/user-shape";
import { UserBulkActions } from "./bulk-actions";
import { UserActionButtons, useUserActions } from "./user-actions";

type Props = {
  page: TablePage<UserRow>;
  status: string;
  groupId: string;
  groups: { id: string; name: string }[];
  filtered: boolean;
  canWrite: boolean;
};

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** The users list: columns, filters, row and bulk actions over the generic DataTable. */
export function UsersTable({ page, status, groupId, groups, filtered, canWrite }: Props) {
  const { update, searchParams } = useUrlParams();
  const actions = useUserActions();
  // "Clear filters" remounts the table once the URL has no search, so the search box empties too.
  const [tableKey, setTableKey] = useState(0);
  const [clearing, setClearing] = useState(false);
  if (clearing && !searchParams.get("q")) {
    setClearing(false);
    setTableKey((k) => k + 1);
  }

  const columns = useMemo<ColumnDef<UserRow, unknown>[]>(() => {
    const cols: ColumnDef<UserRow, unknown>[] = [
      {
        id: "userName",
        header: "User name",
        cell: ({ row }) => (
          <Link href={`/users/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
            {row.original.userName}
          </Link>
        ),
      },
      { id: "displayName", header: "Display name", cell: ({ row }) => row.original.displayName },
      { id: "email", header: "Email", cell: ({ row }) => row.original.email },
      { id: "department", header: "Department", cell: ({ row }) => row.original.department ?? "—" },
      {
        id: "status",
        header: "Status",
        enableSorting: false,
        cell: ({ row }) => (row.original.active ? <Badge tone="success">Active</Badge> : <Badge tone="warning">Deactivated</Badge>),
      },
      {
        id: "createdAt",
        header: "Created",
        cell: ({ row }) => <time dateTime={row.original.createdAt}>{dateFormat.format(new Date(row.original.createdAt))}</time>,
      },
    ];
    if (canWrite) {
      cols.push({
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        enableSorting: false,
        cell: ({ row }) => <UserActionButtons user={row.original} actions={actions} />,
      });
    }
    return cols;
  }, [canWrite, actions]);

  const clearFilters = () => {
    setClearing(true);
    update({ q: undefined, status: undefined, group: undefined });
  };

  const empty = filtered ? (
    <EmptyState title="No users match" action={<Button variant="secondary" onClick={clearFilters}>Clear filters</Button>}>
      <p>Nothing matches this search and these filters. Clear them to see every user.</p>
    </EmptyState>
  ) : (
    <EmptyState
      title="No users yet"
      action={
        canWrite ? (
          <>
            <Link href="/users/new" className={buttonClasses("primary")}>
              Add User
            </Link>
            <Link href="/users/import" className={buttonClasses("secondary")}>
              Import CSV
            </Link>
          </>
        ) : undefined
      }
    >
      <p>{canWrite ? "Add people one by one, or import many from a CSV file." : "An admin adds users here, one by one or from a CSV file."}</p>
    </EmptyState>
  );

  const filters = (
    <>
      <SelectField label="Status" value={status} onChange={(e) => update({ status: e.target.value === "all" ? undefined : e.target.value })} className="w-40">
        <option value="all">All</option>
        <option value="active">Active</option>
        <option value="deactivated">Deactivated</option>
      </SelectField>
      <SelectField label="Group" value={groupId} onChange={(e) => update({ group: e.target.value || undefined })} className="w-56">
        <option value="">All groups</option>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </SelectField>
    </>
  );

  return (
    <>
      <DataTable
        key={tableKey}
        label="Users"
        columns={columns}
        page={page}
        searchLabel="Search users"
        getRowId={(row) => row.id}
        filters={filters}
        bulkActions={canWrite ? (ids, clear) => <UserBulkActions ids={ids} clear={clear} groups={groups} /> : undefined}
        empty={empty}
      />
      {actions.dialogs}
    </>
  );
}
