"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { deleteGroupAction } from "./actions";

function consequence(memberCount: number): string {
  if (memberCount === 0) return "It has no members.";
  if (memberCount === 1) return "Its 1 member stays in the directory but loses access granted through this group.";
  return `Its ${memberCount.toLocaleString("en-US")} members stay in the directory but lose access granted through this group.`;
}

/** Delete with a confirmation that says what happens to the members; `redirectTo` after success. */
export function DeleteGroupButton({
  group,
  redirectTo,
  size = "sm",
}: {
  group: { id: string; name: string; memberCount: number };
  redirectTo?: string;
  size?: "sm" | "md";
}) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const router = useRouter();
  const confirm = () =>
    startTransition(async () => {
      const result = await deleteGroupAction(group.id, Boolean(redirectTo));
      setOpen(false);
      if (!result.ok) return toast(result.message, "error");
      toast(`Group ${result.data.name} deleted.`);
      if (redirectTo) router.push(redirectTo);
    });
  return (
    <>
      <Button variant={size === "sm" ? "ghost" : "danger"} size={size} aria-label={`Delete ${group.name}`} onClick={() => setOpen(true)}>
        Delete
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete group ${group.name}?`}
        confirmLabel="Delete group"
        onConfirm={confirm}
        pending={pending}
      >
        <p>{consequence(group.memberCount)}</p>
      </ConfirmDialog>
    </>
  );
}
