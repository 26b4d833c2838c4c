"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import type { ReactNode } from "react";
import { DataTable } from "@/components/data-table/data-table";
import type { TablePage } from "@/components/data-table/table-page";
import { LocalTime } from "@/components/ui/local-time";
import type { AuditFilterOptions, AuditRow } from "@/lib/audit-log/types";
import { AuditFilters } from "./audit-filters";
import { ChangesCell } from "./changes-cell";

const TARGET_TYPES: Record<string, string> = { user: "User", group: "Group", admin: "Operator", app: "App", policy: "Policy", approval_request: "Approval request" };

function targetType(type: string): string {
  return TARGET_TYPES[type] ?? type.charAt(0).toUpperCase() + type.slice(1);
}

const columns: ColumnDef<AuditRow, unknown>[] = [
  { id: "at", header: "Time", cell: ({ row }) => <LocalTime iso={row.original.at} /> },
  { id: "actor", header: "Actor", enableSorting: false, cell: ({ row }) => <span className="block max-w-56 wrap-anywhere">{row.original.actorEmail}</span> },
  { id: "action", header: "Action", enableSorting: false, cell: ({ row }) => <code className="text-xs">{row.original.action}</code> },
  {
    id: "target",
    header: "Target",
    enableSorting: false,
    cell: ({ row }) => {
      const { targetHref, targetLabel, targetId } = row.original;
      const label = targetLabel || targetId || "—";
      return (
        <span className="block max-w-64 wrap-anywhere">
          <span className="mr-1 text-xs text-slate-500">{targetType(row.original.targetType)}</span>
          {targetHref ? (
            <Link href={targetHref} className="text-indigo-700 underline">
              {label}
            </Link>
          ) : (
            label
          )}
        </span>
      );
    },
  },
  { id: "changes", header: "Changes", enableSorting: false, cell: ({ row }) => <ChangesCell changes={row.original.changes} /> },
];

type Props = { page: TablePage<AuditRow>; options: AuditFilterOptions; empty: ReactNode };

/** The audit log table with its filters. */
export function AuditTable({ page, options, empty }: Props) {
  return (
    <DataTable
      label="Audit log"
      columns={columns}
      page={page}
      getRowId={(row) => row.id}
      filters={<AuditFilters options={options} />}
      empty={empty}
    />
  );
}
