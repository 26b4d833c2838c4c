"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import { deleteUsersAction, setUsersActiveAction } from "./actions";
import { DEPROVISION_NOTE } from "./deprovision-note";

/** The user a row action or the detail page acts on. */
export type UserActionTarget = { id: string; userName: string; displayName: string; active: boolean };

type Confirming = { kind: "deactivate" | "delete"; user: UserActionTarget } | null;

/**
 * Deactivate / reactivate / delete for one user, with the confirm dialogs rendered once for a
 * whole table. `onDeleted` lets the detail page leave for the list.
 */
export function useUserActions(options: { onDeleted?: () => void } = {}) {
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [working, startWork] = useTransition();
  const toast = useToast();

  const run = (call: () => Promise<ActionResult<unknown>>, success: string, after?: () => void) =>
    startWork(async () => {
      const result = await call();
      if (!result.ok) {
        toast(result.message, "error");
        return;
      }
      setConfirming(null);
      toast(success);
      after?.();
    });

  const reactivate = (user: UserActionTarget) => run(() => setUsersActiveAction([user.id], true), `Reactivated ${user.userName}.`);
  const user = confirming?.user;
  const close = () => (working ? undefined : setConfirming(null));

  const dialogs: ReactNode = (
    <>
      <ConfirmDialog
        open={confirming?.kind === "deactivate"}
        onClose={close}
        title={`Deactivate ${user?.userName ?? ""}?`}
        confirmLabel="Deactivate"
        pending={working}
        onConfirm={() => user && run(() => setUsersActiveAction([user.id], false), `Deactivated ${user.userName}.`)}
      >
        <p>
          {user?.displayName} ({user?.userName}) stays in the directory and in their groups, marked as deactivated. {DEPROVISION_NOTE} You can
          reactivate them at any time.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming?.kind === "delete"}
        onClose={close}
        title={`Delete ${user?.userName ?? ""}?`}
        confirmLabel="Delete user"
        pending={working}
        onConfirm={() => user && run(() => deleteUsersAction([user.id]), `Deleted ${user.userName}.`, options.onDeleted)}
      >
        <p>
          This permanently deletes {user?.displayName} ({user?.userName}) and removes them from all groups. {DEPROVISION_NOTE} This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </>
  );

  return {
    confirmDeactivate: (u: UserActionTarget) => setConfirming({ kind: "deactivate", user: u }),
    confirmDelete: (u: UserActionTarget) => setConfirming({ kind: "delete", user: u }),
    reactivate,
    working,
    dialogs,
  };
}

/** Edit / Deactivate or Reactivate / Delete buttons for one user. */
export function UserActionButtons({
  user,
  actions,
  size = "sm",
}: {
  user: UserActionTarget;
  actions: ReturnType<typeof useUserActions>;
  size?: "sm" | "md";
}) {
  return (
    <div className="flex flex-nowrap gap-1 whitespace-nowrap">
      <Link href={`/users/${user.id}/edit`} className={buttonClasses("ghost", size)} aria-label={`Edit ${user.userName}`}>
        Edit
      </Link>
      {user.active ? (
        <Button variant="ghost" size={size} aria-label={`Deactivate ${user.userName}`} onClick={() => actions.confirmDeactivate(user)}>
          Deactivate
        </Button>
      ) : (
        <Button variant="ghost" size={size} aria-label={`Reactivate ${user.userName}`} disabled={actions.working} onClick={() => actions.reactivate(user)}>
          Reactivate
        </Button>
      )}
      <Button variant="ghost" size={size} className="text-red-700" aria-label={`Delete ${user.userName}`} onClick={() => actions.confirmDelete(user)}>
        Delete
      </Button>
    </div>
  );
}

/** The detail page's actions: same dialogs, and back to the list after a delete. */
export function UserDetailActions({ user }: { user: UserActionTarget }) {
  const router = useRouter();
  const actions = useUserActions({ onDeleted: () => router.replace("/users") });
  return (
    <>
      <UserActionButtons user={user} actions={actions} size="md" />
      {actions.dialogs}
    </>
  );
}
