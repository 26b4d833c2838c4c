"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import type { ReactNode } from "react";
import { DataTable } from "@/components/data-table/data-table";
import type { TablePage } from "@/components/data-table/table-page";
import { LocalTime } from "@/components/ui/local-time";
import type { ApprovalRequestRow } from "@/lib/approvals/list-requests";
import { ApprovalFilters } from "./approval-filters";
import { DecideButtons } from "./decide-buttons";
import { operationLabel } from "./request-detail";
import { ApprovalStatusBadge } from "./status-badge";

const PREVIEW = 3;

function columns(canDecide: boolean): ColumnDef<ApprovalRequestRow, unknown>[] {
  return [
    {
      id: "summary",
      header: "Request",
      enableSorting: false,
      cell: ({ row }) => {
        const r = row.original;
        const names = r.detail.users.slice(0, PREVIEW).map((u) => u.userName);
        const rest = r.subjectCount - names.length - r.detail.groups.length;
        return (
          <div className="max-w-md">
            <Link href={`/approvals/${r.id}`} className="font-medium text-indigo-700 underline">
              {r.summary}
            </Link>
            <p className="text-xs text-slate-600 wrap-anywhere">
              {names.join(", ")}
              {rest > 0 && names.length > 0 ? ` and ${rest.toLocaleString("en-US")} more` : ""}
              {r.detail.changes.length > 0 ? ` · changes ${r.detail.changes.map((c) => c.path).join(", ")}` : ""}
            </p>
          </div>
        );
      },
    },
    { id: "appName", header: "App", cell: ({ row }) => row.original.appName },
    { id: "operation", header: "Action", enableSorting: false, cell: ({ row }) => operationLabel(row.original.operation) },
    {
      id: "createdAt",
      header: "Requested",
      cell: ({ row }) => (
        <span className="text-sm">
          <span className="block wrap-anywhere">{row.original.requestedBy}</span>
          <LocalTime iso={row.original.createdAt} />
        </span>
      ),
    },
    { id: "expiresAt", header: "Expires", cell: ({ row }) => <LocalTime iso={row.original.expiresAt} /> },
    {
      id: "status",
      header: "Status",
      cell: ({ row }) => {
        const r = row.original;
        return (
          <span className="text-sm">
            <ApprovalStatusBadge status={r.status} approvals={r.approvals} requiredApprovals={r.requiredApprovals} />
            {r.decidedBy ? <span className="mt-1 block wrap-anywhere">by {r.decidedBy}</span> : null}
            {r.decidedAt ? <LocalTime iso={r.decidedAt} /> : null}
          </span>
        );
      },
    },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      enableSorting: false,
      cell: ({ row }) => (canDecide && row.original.status === "pending" ? <DecideButtons request={row.original} /> : null),
    },
  ];
}

type Props = { page: TablePage<ApprovalRequestRow>; apps: { id: string; name: string }[]; canDecide: boolean; empty: ReactNode };

/** Approval requests: pending by default with Approve and Deny, or the history by status, app and time. */
export function ApprovalsTable({ page, apps, canDecide, empty }: Props) {
  return (
    <DataTable
      label="Approval requests"
      columns={columns(canDecide)}
      page={page}
      searchLabel="Search requests"
      getRowId={(row) => row.id}
      filters={<ApprovalFilters apps={apps} />}
      empty={empty}
    />
  );
}
