"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { PolicyImpact } from "@/lib/policies/preview-policy-impact";
import { accountsLost } from "@/lib/policies/impact-text";
import { deletePolicyAction, previewDeletePolicyAction } from "./actions";
import { ImpactPreview } from "./impact-preview";

function consequence(appName: string, impact: PolicyImpact | null): string {
  const base = `Members of its groups lose ${appName} unless another policy grants it`;
  if (!impact) return `${base}. Working out how many accounts that affects…`;
  const deactivated = impact.summaries.reduce((n, s) => n + s.counts.deactivate, 0);
  const deleted = impact.summaries.reduce((n, s) => n + s.counts.delete, 0);
  const accounts = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "account" : "accounts"}`;
  // Apps set to delete on deprovisioning delete instead; say which happens.
  if (deleted > 0 && deactivated === 0) return `${base}: ${accounts(deleted)} will be deleted.`;
  if (deleted > 0) return `${base}: ${accounts(deactivated)} will be deactivated and ${accounts(deleted)} deleted.`;
  return `${base}: ${accounts(deactivated)} will be deactivated.`;
}

/** Delete with a confirmation that says, from the engine's preview, how many accounts the app loses. */
export function DeletePolicyButton({ policy }: { policy: { id: string; name: string; appName: string } }) {
  const [open, setOpen] = useState(false);
  const [impact, setImpact] = useState<PolicyImpact | null>(null);
  const [pending, startTransition] = useTransition();
  const toast = useToast();

  const openDialog = () => {
    setImpact(null);
    setOpen(true);
    startTransition(async () => {
      const result = await previewDeletePolicyAction(policy.id);
      if (result.ok) setImpact(result.data);
      else {
        setOpen(false);
        toast(result.message, "error");
      }
    });
  };
  const confirm = () =>
    startTransition(async () => {
      const result = await deletePolicyAction(policy.id);
      setOpen(false);
      if (!result.ok) return toast(result.message, "error");
      toast(`Policy ${result.data.name} deleted.`);
    });
  return (
    <>
      <Button variant="ghost" size="sm" aria-label={`Delete ${policy.name}`} onClick={openDialog}>
        Delete
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete policy ${policy.name}?`}
        confirmLabel="Delete policy"
        onConfirm={confirm}
        pending={pending}
      >
        <p>{consequence(policy.appName, impact)}</p>
        {impact && accountsLost(impact.summaries) > 0 ? (
          <div className="mt-3">
            <ImpactPreview impact={impact} />
          </div>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
