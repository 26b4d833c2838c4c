"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import type { TablePage } from "@/components/data-table/table-page";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import type { AdminRow } from "@/lib/admins/types";
import { ROLE_LABELS } from "@/lib/permissions";
import { AdminRowActions } from "./admin-row-actions";

type Props = { page: TablePage<AdminRow>; currentAdminId: string; canWrite: boolean };

/** Settings > Admins: the operators list with its row actions. */
export function AdminsTable({ page, currentAdminId, canWrite }: Props) {
  const { q } = page;
  const columns = useMemo<ColumnDef<AdminRow, unknown>[]>(
    () => [
      {
        id: "name",
        header: "Name",
        cell: ({ row }) => (
          <span className="font-medium text-slate-900">
            {row.original.name}
            {row.original.id === currentAdminId ? <span className="ml-2 text-xs font-normal text-slate-500">(you)</span> : null}
          </span>
        ),
      },
      { id: "email", header: "Email", cell: ({ row }) => row.original.email },
      { id: "role", header: "Role", cell: ({ row }) => ROLE_LABELS[row.original.role] },
      {
        id: "status",
        header: "Status",
        enableSorting: false,
        cell: ({ row }) => (row.original.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>),
      },
      { id: "lastSignInAt", header: "Last sign-in", cell: ({ row }) => <LocalTime iso={row.original.lastSignInAt} empty="Never" /> },
      {
        id: "slackUserId",
        header: "Slack user id",
        enableSorting: false,
        cell: ({ row }) => (row.original.slackUserId ? <code className="text-xs">{row.original.slackUserId}</code> : <span className="text-slate-500">—</span>),
      },
      ...(canWrite
        ? [
            {
              id: "actions",
              header: () => <span className="sr-only">Actions</span>,
              enableSorting: false,
              cell: ({ row }) => <AdminRowActions admin={row.original} isSelf={row.original.id === currentAdminId} />,
            } satisfies ColumnDef<AdminRow, unknown>,
          ]
        : []),
    ],
    [currentAdminId, canWrite],
  );
  return (
    <DataTable
      label="Admins"
      columns={columns}
      page={page}
      searchLabel="Search by name or email"
      getRowId={(row) => row.id}
      empty={
        <EmptyState title="No operators match">
          <p>{q ? `Nobody's name or email contains “${q}”. Clear the search to see every operator.` : "Add an admin to give someone access to the console."}</p>
        </EmptyState>
      }
    />
  );
}
