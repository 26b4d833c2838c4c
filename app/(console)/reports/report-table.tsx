"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import type { ReactNode } from "react";
import { DataTable } from "@/components/data-table/data-table";
import type { TablePage } from "@/components/data-table/table-page";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { ACTION_LABELS, OUTCOME_LABELS, type ReportAction, type ReportOutcome } from "@/lib/reports/report-filters";
import type { ReportRow } from "@/lib/reports/report-sql";

const TONES = { success: "success", failed: "danger", retrying: "warning", skipped: "neutral", pending_approval: "info", approved: "success", denied: "danger" } as const;

function outcomeBadge(outcome: string) {
  const tone = TONES[outcome as ReportOutcome] ?? "neutral";
  return <Badge tone={tone}>{OUTCOME_LABELS[outcome as ReportOutcome] ?? outcome}</Badge>;
}

const columns: ColumnDef<ReportRow, unknown>[] = [
  { id: "at", header: "Time", cell: ({ row }) => <LocalTime iso={row.original.at} /> },
  { id: "user", header: "End user", enableSorting: false, cell: ({ row }) => <span className="block max-w-56 wrap-anywhere">{row.original.userIdentifier}</span> },
  { id: "app", header: "Application", enableSorting: false, cell: ({ row }) => row.original.appName },
  { id: "action", header: "Action", enableSorting: false, cell: ({ row }) => ACTION_LABELS[row.original.action as ReportAction] ?? row.original.action },
  { id: "outcome", header: "Status", enableSorting: false, cell: ({ row }) => outcomeBadge(row.original.outcome) },
  {
    id: "message",
    header: "Details",
    enableSorting: false,
    cell: ({ row }) => (
      <Link href={`/reports/events/${row.original.id}`} className="block max-w-80 text-indigo-700 underline wrap-anywhere" aria-label={`Details of ${row.original.action} ${row.original.userIdentifier} in ${row.original.appName}: ${row.original.message}`}>
        {row.original.httpStatus ? `${row.original.httpStatus} · ` : ""}
        {row.original.message || "View"}
      </Link>
    ),
  },
];

/** The report's results: one page of events, sortable by time. */
export function ReportTable({ page, empty }: { page: TablePage<ReportRow>; empty: ReactNode }) {
  return (
    <DataTable label="Provisioning events" columns={columns} page={page} getRowId={(row) => row.id} empty={empty} />
  );
}
