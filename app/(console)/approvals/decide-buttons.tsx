"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { decideApprovalAction } from "./actions";

/** Approve and Deny for one pending request; Deny asks first and says the change will not be made. */
export function DecideButtons({ request, size = "sm" }: { request: { id: string; summary: string }; size?: "sm" | "md" }) {
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const router = useRouter();
  const decide = (decision: "approve" | "deny") =>
    startTransition(async () => {
      const result = await decideApprovalAction(request.id, decision);
      setConfirming(false);
      if (!result.ok) toast(result.message, "error");
      else toast(result.data.message);
      router.refresh();
    });
  return (
    <div className="flex gap-2">
      <Button size={size} onClick={() => decide("approve")} disabled={pending} aria-label={`Approve: ${request.summary}`}>
        Approve
      </Button>
      <Button size={size} variant="secondary" onClick={() => setConfirming(true)} disabled={pending} aria-label={`Deny: ${request.summary}`}>
        Deny
      </Button>
      <ConfirmDialog open={confirming} onClose={() => setConfirming(false)} title="Deny this request?" confirmLabel="Deny request" onConfirm={() => decide("deny")} pending={pending}>
        <p>
          <strong>{request.summary}</strong> will not happen: its waiting provisioning work is cancelled, and the request is recorded as denied by you.
        </p>
      </ConfirmDialog>
    </div>
  );
}
