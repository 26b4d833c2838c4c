"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { resumeAppAction } from "./quarantine-actions";

/** Resume, after a confirmation naming the effect: the held jobs are sent to the app now. */
export function ResumeButton({ appId, waiting }: { appId: string; waiting: number }) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const router = useRouter();
  const jobs = `${waiting.toLocaleString("en-US")} held job${waiting === 1 ? "" : "s"}`;
  const confirm = () =>
    startTransition(async () => {
      const result = await resumeAppAction(appId);
      setOpen(false);
      if (!result.ok) return toast(result.message, "error");
      toast(`Resumed: ${result.data.waiting.toLocaleString("en-US")} queued job${result.data.waiting === 1 ? "" : "s"} will be sent to the app.`);
      router.refresh();
    });
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Resume
      </Button>
      <ConfirmDialog open={open} onClose={() => setOpen(false)} title="Resume provisioning to this app?" confirmLabel="Resume" onConfirm={confirm} pending={pending} danger={false}>
        <p>
          The {jobs} will be sent to the app now, in their original order. If the app still rejects the requests, it is quarantined again. Verify Credentials first to check that it answers.
        </p>
      </ConfirmDialog>
    </>
  );
}
