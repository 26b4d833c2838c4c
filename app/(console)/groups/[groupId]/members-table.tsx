"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useState, useTransition } from "react";
import { DataTable } from "@/components/data-table/data-table";
import type { TablePage } from "@/components/data-table/table-page";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import type { GroupMemberRow } from "@/lib/groups/types";
import { removeGroupMembersAction } from "../actions";
import { formatDate, membersLabel } from "../format";
import { MembershipImpactPreview } from "../membership-impact";

type Props = {
  page: TablePage<GroupMemberRow>;
  canWrite: boolean;
  groupId: string;
  groupName: string;
};

const COLUMNS: ColumnDef<GroupMemberRow, unknown>[] = [
  {
    id: "userName",
    header: "User name",
    cell: ({ row }) => (
      <Link href={`/users/${row.original.userId}`} className="font-medium text-indigo-700 hover:underline">
        {row.original.userName}
      </Link>
    ),
  },
  { id: "displayName", header: "Display name", cell: ({ row }) => row.original.displayName },
  { id: "email", header: "Email", enableSorting: false, cell: ({ row }) => row.original.email },
  {
    id: "status",
    header: "Status",
    enableSorting: false,
    cell: ({ row }) => (row.original.active ? <Badge tone="success">Active</Badge> : <Badge>Deactivated</Badge>),
  },
  { id: "addedAt", header: "Added", cell: ({ row }) => formatDate(row.original.addedAt) },
];

function RemoveMembers({ groupId, groupName, ids, clear }: { groupId: string; groupName: string; ids: string[]; clear: () => void }) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const label = membersLabel(ids.length);
  const confirm = () =>
    startTransition(async () => {
      const result = await removeGroupMembersAction(groupId, ids);
      setOpen(false);
      if (!result.ok) return toast(result.message, "error");
      clear();
      toast(`Removed ${membersLabel(result.data.removed)} from ${groupName}.`);
    });
  return (
    <>
      <Button variant="danger" size="sm" onClick={() => setOpen(true)}>
        Remove from group
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Remove ${label} from ${groupName}?`}
        confirmLabel={`Remove ${label}`}
        onConfirm={confirm}
        pending={pending}
      >
        <p>
          {ids.length === 1 ? "The user stays" : "The users stay"} in the directory but {ids.length === 1 ? "loses" : "lose"} access granted
          through this group.
        </p>
        {open ? (
          <div className="mt-3">
            <MembershipImpactPreview groupId={groupId} remove={ids} />
          </div>
        ) : null}
      </ConfirmDialog>
    </>
  );
}

/** The Members tab: search, sort and page members; admins remove selected members in bulk. */
export function MembersTable({ page, canWrite, groupId, groupName }: Props) {
  const { q } = page;
  const empty = q ? (
    <p className="text-sm text-slate-600">No members match “{q}”.</p>
  ) : (
    <EmptyState title="No members yet">
      <p>{canWrite ? "Use Add members to search the directory and add users to this group." : "An admin can add users to this group."}</p>
    </EmptyState>
  );
  return (
    <DataTable
      label={`Members of ${groupName}`}
      columns={COLUMNS}
      page={page}
      searchLabel="Search members by name, email or user name"
      getRowId={(row) => row.userId}
      bulkActions={
        canWrite ? (ids, clear) => <RemoveMembers groupId={groupId} groupName={groupName} ids={ids} clear={clear} /> : undefined
      }
      empty={empty}
    />
  );
}
