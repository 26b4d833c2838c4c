"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import type { AppEventRow } from "@/lib/apps/types";

const OUTCOME_TONES: Record<string, "neutral" | "success" | "warning" | "danger" | "info"> = {
  success: "success",
  failed: "danger",
  retrying: "warning",
  skipped: "neutral",
  pending_approval: "info",
  denied: "danger",
};

const COLUMNS: ColumnDef<AppEventRow, unknown>[] = [
  { id: "at", header: "Time", enableSorting: false, cell: ({ row }) => <LocalTime iso={row.original.at} /> },
  {
    id: "user",
    header: "User",
    enableSorting: false,
    cell: ({ row }) =>
      row.original.userId ? (
        <Link href={`/users/${row.original.userId}`} className="text-indigo-700 hover:underline">
          {row.original.userIdentifier}
        </Link>
      ) : (
        row.original.userIdentifier
      ),
  },
  { id: "action", header: "Action", enableSorting: false, cell: ({ row }) => row.original.action },
  {
    id: "outcome",
    header: "Outcome",
    enableSorting: false,
    cell: ({ row }) => (
      <Badge tone={OUTCOME_TONES[row.original.outcome] ?? "neutral"}>
        {row.original.outcome}
        {row.original.httpStatus ? ` (${row.original.httpStatus})` : ""}
      </Badge>
    ),
  },
  { id: "message", header: "Message", enableSorting: false, cell: ({ row }) => <span className="max-w-xl">{row.original.message}</span> },
];

/** The app's latest 50 provisioning events, newest first (a fixed feed: the report has the full history). */
export function EventsTable({ rows }: { rows: AppEventRow[] }) {
  return (
    <DataTable
      label="Recent events"
      columns={COLUMNS}
      page={{ rows, total: rows.length, page: 1, pageSize: 50 }}
      getRowId={(row) => row.id}
      empty={
        <EmptyState title="No events yet">
          <p>Every provisioning attempt for this app appears here once a policy grants it to a group.</p>
        </EmptyState>
      }
    />
  );
}
