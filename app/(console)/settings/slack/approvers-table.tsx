"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import type { TablePage } from "@/components/data-table/table-page";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ROLE_LABELS } from "@/lib/permissions";
import type { ApproverRow } from "@/lib/slack/approvers";
import { ApproverRowActions } from "./approver-row-actions";

type Props = { page: TablePage<ApproverRow>; canWrite: boolean; slackConfigured: boolean };

/** Operators who may decide approvals, and the Slack user whose clicks count as theirs. */
export function ApproversTable({ page, canWrite, slackConfigured }: Props) {
  const { q } = page;
  const columns = useMemo<ColumnDef<ApproverRow, unknown>[]>(
    () => [
      { id: "name", header: "Name", cell: ({ row }) => <span className="font-medium text-slate-900">{row.original.name}</span> },
      { id: "email", header: "Email", cell: ({ row }) => row.original.email },
      {
        id: "role",
        header: "Role",
        cell: ({ row }) => (
          <>
            {ROLE_LABELS[row.original.role]}
            {row.original.disabled ? (
              <span className="ml-2">
                <Badge tone="danger">Disabled</Badge>
              </span>
            ) : null}
          </>
        ),
      },
      {
        id: "slackUserId",
        header: "Slack user",
        cell: ({ row }) =>
          row.original.slackUserId ? <code className="text-xs">{row.original.slackUserId}</code> : <span className="text-slate-500">Not linked</span>,
      },
      ...(canWrite
        ? [
            {
              id: "actions",
              header: () => <span className="sr-only">Actions</span>,
              enableSorting: false,
              cell: ({ row }) => <ApproverRowActions approver={row.original} slackConfigured={slackConfigured} />,
            } satisfies ColumnDef<ApproverRow, unknown>,
          ]
        : []),
    ],
    [canWrite, slackConfigured],
  );
  return (
    <DataTable
      label="Approvers"
      columns={columns}
      page={page}
      searchLabel="Search approvers by name, email or Slack id"
      getRowId={(row) => row.id}
      empty={
        <EmptyState title="No approvers match">
          <p>
            {q
              ? `Nobody's name, email or Slack id contains “${q}”. Clear the search to see every approver.`
              : "Admins and approvers decide requests. Add one under Settings > Admins, then link their Slack user here."}
          </p>
        </EmptyState>
      }
    />
  );
}
