"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { ApprovalRuleRow } from "@/lib/approvals/rules";
import { describeRule } from "@/lib/approvals/rule-text";
import { ApprovalRuleForm } from "./approval-rule-form";
import { deleteApprovalRuleAction } from "./approval-rules-actions";

/** A rule's Edit (dialog with the form) and Delete (confirmed) buttons. */
export function ApprovalRuleActions({ appId, rule, policies }: { appId: string; rule: ApprovalRuleRow; policies: { id: string; name: string }[] }) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const router = useRouter();
  const closeEdit = useCallback(() => setEditing(false), []);
  const remove = () =>
    startTransition(async () => {
      const result = await deleteApprovalRuleAction(rule.id);
      setDeleting(false);
      if (!result.ok) return toast(result.message, "error");
      toast("Approval rule deleted.");
      router.refresh();
    });
  return (
    <div className="flex gap-2">
      <Button size="sm" variant="secondary" onClick={() => setEditing(true)} aria-label={`Edit rule: ${describeRule(rule)}`}>
        Edit
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setDeleting(true)} aria-label={`Delete rule: ${describeRule(rule)}`}>
        Delete
      </Button>
      <Dialog open={editing} onClose={closeEdit} title="Edit approval rule">
        <ApprovalRuleForm appId={appId} rule={rule} policies={policies} onDone={closeEdit} />
      </Dialog>
      <ConfirmDialog open={deleting} onClose={() => setDeleting(false)} title="Delete this approval rule?" confirmLabel="Delete rule" onConfirm={remove} pending={pending}>
        <p>
          Changes covered by it ({describeRule(rule)}) will reach the app without asking anyone. Requests it already opened stay open until
          decided or expired.
        </p>
      </ConfirmDialog>
    </div>
  );
}
