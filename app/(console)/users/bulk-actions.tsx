"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import { MembershipImpactPreview } from "../groups/membership-impact";
import { changeGroupMembershipAction, deleteUsersAction, setUsersActiveAction } from "./actions";
import { DEPROVISION_NOTE } from "./deprovision-note";

type Props = { ids: string[]; clear: () => void; groups: { id: string; name: string }[] };
type Open = "deactivate" | "delete" | "add" | "remove" | null;

function users(n: number): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? "user" : "users"}`;
}

/** The bulk bar of the users list: deactivate, reactivate, delete, add to / remove from a group. */
export function UserBulkActions({ ids, clear, groups }: Props) {
  const [open, setOpen] = useState<Open>(null);
  const [groupId, setGroupId] = useState("");
  const [groupError, setGroupError] = useState<string | undefined>();
  const [working, startWork] = useTransition();
  const toast = useToast();
  const count = users(ids.length);

  const run = (call: () => Promise<ActionResult<unknown>>, success: (data: unknown) => string) =>
    startWork(async () => {
      const result = await call();
      if (!result.ok) {
        toast(result.message, "error");
        return;
      }
      toast(success(result.data));
      setOpen(null);
      clear();
    });

  const close = () => {
    if (working) return;
    setOpen(null);
    setGroupError(undefined);
  };

  const changed = (data: unknown) => (data as { changed: number }).changed;
  const submitMembership = () => {
    const mode = open === "add" ? "add" : "remove";
    if (!groupId) {
      setGroupError("Choose a group.");
      return;
    }
    const name = groups.find((g) => g.id === groupId)?.name ?? "the group";
    run(
      () => changeGroupMembershipAction(mode, groupId, ids),
      (data) => (mode === "add" ? `Added ${users(changed(data))} to ${name}.` : `Removed ${users(changed(data))} from ${name}.`),
    );
  };

  const membership = open === "add" || open === "remove";
  return (
    <>
      <Button size="sm" variant="secondary" onClick={() => setOpen("deactivate")}>
        Deactivate
      </Button>
      <Button size="sm" variant="secondary" disabled={working} onClick={() => run(() => setUsersActiveAction(ids, true), (d) => `Reactivated ${users(changed(d))}.`)}>
        Reactivate
      </Button>
      <Button size="sm" variant="secondary" onClick={() => setOpen("add")}>
        Add to group
      </Button>
      <Button size="sm" variant="secondary" onClick={() => setOpen("remove")}>
        Remove from group
      </Button>
      <Button size="sm" variant="danger" onClick={() => setOpen("delete")}>
        Delete
      </Button>

      <ConfirmDialog
        open={open === "deactivate"}
        onClose={close}
        title={`Deactivate ${count}?`}
        confirmLabel={`Deactivate ${count}`}
        pending={working}
        onConfirm={() => run(() => setUsersActiveAction(ids, false), (d) => `Deactivated ${users(changed(d))}.`)}
      >
        <p>They stay in the directory and their groups, marked as deactivated. {DEPROVISION_NOTE}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={open === "delete"}
        onClose={close}
        title={`Delete ${count}?`}
        confirmLabel={`Delete ${count}`}
        pending={working}
        onConfirm={() => run(() => deleteUsersAction(ids), (d) => `Deleted ${users((d as { deleted: number }).deleted)}.`)}
      >
        <p>
          This permanently deletes {count} and removes them from all groups. {DEPROVISION_NOTE} This cannot be undone.
        </p>
      </ConfirmDialog>
      <Dialog
        open={membership}
        onClose={close}
        title={open === "add" ? `Add ${count} to a group` : `Remove ${count} from a group`}
        footer={
          <>
            <Button variant="secondary" onClick={close} disabled={working}>
              Cancel
            </Button>
            <Button onClick={submitMembership} disabled={working || groups.length === 0}>
              {working ? "Working…" : open === "add" ? "Add to group" : "Remove from group"}
            </Button>
          </>
        }
      >
        {groups.length === 0 ? (
          <p>There are no groups yet. Create one under Groups first.</p>
        ) : (
          <SelectField
            label="Group"
            value={groupId}
            error={groupError}
            onChange={(e) => {
              setGroupId(e.target.value);
              setGroupError(undefined);
            }}
          >
            <option value="">Choose a group…</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </SelectField>
        )}
        {membership && groupId ? (
          <div className="mt-3">
            <MembershipImpactPreview groupId={groupId} {...(open === "add" ? { add: ids } : { remove: ids })} />
          </div>
        ) : null}
      </Dialog>
    </>
  );
}
