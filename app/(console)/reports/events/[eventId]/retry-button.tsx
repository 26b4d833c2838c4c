"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { retryEventJobAction } from "./actions";

/** Retry for a failed event's job, after a confirmation naming what happens. */
export function RetryButton({ eventId, jobId, label }: { eventId: string; jobId: string; label: string }) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={pending}>
        Retry
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title="Retry this provisioning work?"
        confirmLabel="Retry"
        danger={false}
        pending={pending}
        onConfirm={() =>
          startTransition(async () => {
            const result = await retryEventJobAction(eventId, jobId);
            setOpen(false);
            toast(result.ok ? `Queued a retry: ${label}.` : result.message, result.ok ? undefined : "error");
          })
        }
      >
        <p>{label} is queued again from its first attempt; the worker plans it from the user&apos;s current state and the result appears as a new event.</p>
      </ConfirmDialog>
    </>
  );
}
