"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { cancelHoldAction, releaseHoldAction } from "./reconcile-actions";

type Hold = { id: string; summary: string; jobCount: number; appName: string };

/** Release and Cancel for one held change, each confirmed in a dialog that names the effect. */
export function HoldActions({ appId, hold, after }: { appId: string; hold: Hold; after?: string }) {
  const [open, setOpen] = useState<"release" | "cancel" | null>(null);
  const [pending, start] = useTransition();
  const toast = useToast();
  const router = useRouter();
  const decide = (kind: "release" | "cancel") =>
    start(async () => {
      const result = kind === "release" ? await releaseHoldAction(appId, hold.id) : await cancelHoldAction(appId, hold.id);
      setOpen(null);
      if (!result.ok) {
        toast(result.message, "error");
        return;
      }
      toast(kind === "release" ? `Released: ${hold.summary.toLowerCase()} is on its way to ${hold.appName}.` : `Cancelled: nothing of this change is sent to ${hold.appName}.`);
      if (after) router.push(after);
      else router.refresh();
    });
  const ops = `${hold.jobCount.toLocaleString("en-US")} operation${hold.jobCount === 1 ? "" : "s"}`;
  return (
    <>
      <Button size="sm" onClick={() => setOpen("release")}>
        Release
      </Button>
      <Button size="sm" variant="secondary" onClick={() => setOpen("cancel")}>
        Cancel change
      </Button>
      <ConfirmDialog open={open === "release"} onClose={() => setOpen(null)} title={`Release: ${hold.summary}?`} confirmLabel="Release" onConfirm={() => decide("release")} pending={pending}>
        The held {ops} will be sent to {hold.appName} in their original order. Accounts will lose access.
      </ConfirmDialog>
      <ConfirmDialog open={open === "cancel"} onClose={() => setOpen(null)} title={`Cancel: ${hold.summary}?`} confirmLabel="Cancel change" onConfirm={() => decide("cancel")} pending={pending}>
        The held {ops} will be dropped and recorded as skipped; {hold.appName} keeps these accounts as they are. The directory change itself stays.
      </ConfirmDialog>
    </>
  );
}
