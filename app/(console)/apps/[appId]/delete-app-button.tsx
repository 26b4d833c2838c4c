"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { deleteAppAction } from "../actions";

/** Delete app, after a confirmation that says the accounts stay in the app. */
export function DeleteAppButton({ app }: { app: { id: string; name: string; accountCount: number } }) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const router = useRouter();
  const confirm = () =>
    startTransition(async () => {
      const result = await deleteAppAction(app.id);
      setOpen(false);
      if (!result.ok) return toast(result.message, "error");
      toast(`App ${result.data.name} deleted.`);
      router.push("/apps");
    });
  const accounts = `${app.accountCount.toLocaleString("en-US")} linked account${app.accountCount === 1 ? "" : "s"}`;
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete app
      </Button>
      <ConfirmDialog open={open} onClose={() => setOpen(false)} title={`Delete app ${app.name}?`} confirmLabel="Delete app" onConfirm={confirm} pending={pending}>
        <p>
          Its {accounts} stay in the app; the console stops managing them. Its policies and queued provisioning work are removed too.
        </p>
      </ConfirmDialog>
    </>
  );
}
