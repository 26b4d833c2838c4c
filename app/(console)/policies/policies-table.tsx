"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import type { TablePage } from "@/components/data-table/table-page";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { PolicySummary } from "@/lib/policies/types";
import { APPROVAL_RULE_LABELS } from "@/lib/schemas/policy";
import { DeletePolicyButton } from "./delete-policy-button";

type Props = { page: TablePage<PolicySummary>; canWrite: boolean; hasApps: boolean };

// Dates render on the server and again in the browser: a fixed time zone keeps both the same.
const DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

function groupsText(p: PolicySummary): string {
  if (p.groupCount === 0) return "—";
  const names = p.groups.map((g) => g.name).join(", ");
  const more = p.groupCount - p.groups.length;
  return more > 0 ? `${names} +${more}` : names;
}

function columns(canWrite: boolean): ColumnDef<PolicySummary, unknown>[] {
  const base: ColumnDef<PolicySummary, unknown>[] = [
    {
      id: "name",
      header: "Name",
      cell: ({ row }) =>
        canWrite ? (
          <Link href={`/policies/${row.original.id}/edit`} className="font-medium text-indigo-700 hover:underline">
            {row.original.name}
          </Link>
        ) : (
          <span className="font-medium">{row.original.name}</span>
        ),
    },
    {
      id: "app",
      header: "App",
      cell: ({ row }) => (
        <Link href={`/apps/${row.original.appId}`} className="text-indigo-700 hover:underline">
          {row.original.appName}
        </Link>
      ),
    },
    { id: "groups", header: "Groups", enableSorting: false, cell: ({ row }) => <span className="text-slate-700">{groupsText(row.original)}</span> },
    { id: "loginMethod", header: "Login method", enableSorting: false, cell: ({ row }) => row.original.loginMethod || "—" },
    {
      id: "enabled",
      header: "Status",
      enableSorting: false,
      cell: ({ row }) => (row.original.enabled ? <Badge tone="success">Enabled</Badge> : <Badge>Disabled</Badge>),
    },
    { id: "approvalRule", header: "Approval", enableSorting: false, cell: ({ row }) => APPROVAL_RULE_LABELS[row.original.approvalRule] },
    { id: "createdAt", header: "Created", cell: ({ row }) => DATE.format(new Date(row.original.createdAt)) },
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
          <Link href={`/policies/${row.original.id}/edit`} className={buttonClasses("ghost", "sm")} aria-label={`Edit ${row.original.name}`}>
            Edit
          </Link>
          <DeletePolicyButton policy={row.original} />
        </div>
      ),
    },
  ];
}

/** The policies list: name search, sort by name / app / created, paging, row actions for admins. */
export function PoliciesTable({ page, canWrite, hasApps }: Props) {
  const cols = useMemo(() => columns(canWrite), [canWrite]);
  const { q } = page;
  let empty;
  if (q) empty = <p className="text-sm text-slate-600">No policies match “{q}”. Try a shorter name.</p>;
  else if (!hasApps)
    empty = (
      <EmptyState
        title="Connect an app first"
        action={
          <Link href="/apps" className={buttonClasses()}>
            Go to Apps
          </Link>
        }
      >
        <p>A policy grants an app to the members of groups. Connect Slack or a SCIM 2.0 app, then add a policy for it.</p>
      </EmptyState>
    );
  else
    empty = (
      <EmptyState
        title="No policies yet"
        action={
          canWrite ? (
            <Link href="/policies/new" className={buttonClasses()}>
              Add Policy
            </Link>
          ) : null
        }
      >
        <p>Add a policy to give the members of one or more groups an account in an app.</p>
      </EmptyState>
    );
  return (
    <DataTable
      label="Policies"
      columns={cols}
      page={page}
      searchLabel="Search policies by name"
      getRowId={(row) => row.id}
      empty={empty}
    />
  );
}
