"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import { RETENTION_MAX_DAYS, RETENTION_MIN_DAYS } from "@/lib/schemas/retention";
import { saveRetentionAction } from "./actions";

/** The retention field; lowering it asks first, because the next purge deletes what falls outside. */
export function RetentionForm({ days }: { days: number }) {
  const toast = useToast();
  const [value, setValue] = useState(String(days));
  const [result, setResult] = useState<ActionResult<{ days: number }> | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const failed = result && !result.ok ? result : null;

  const save = () => {
    const formData = new FormData();
    formData.set("days", value);
    startTransition(async () => {
      const next = await saveRetentionAction(formData);
      setResult(next);
      setConfirming(false);
      if (next.ok) toast(`Provisioning events are now kept ${next.data.days} days.`);
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const n = Number(value);
    if (Number.isInteger(n) && n >= RETENTION_MIN_DAYS && n < days) setConfirming(true);
    else save();
  };

  return (
    <form onSubmit={submit} noValidate className="max-w-xl space-y-4" aria-label="Data retention">
      <FormMessage message={failed?.message} />
      <TextField
        label="Keep provisioning events (days)"
        name="days"
        type="number"
        inputMode="numeric"
        min={RETENTION_MIN_DAYS}
        max={RETENTION_MAX_DAYS}
        className="w-64"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={failed?.fieldErrors?.days}
        hint={`From ${RETENTION_MIN_DAYS} to ${RETENTION_MAX_DAYS} days. Default 400.`}
        required
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Keep events only ${value} days?`}
        confirmLabel={`Keep ${value} days`}
        onConfirm={save}
        pending={pending}
      >
        <p>
          The next daily purge deletes provisioning events older than {value} days (now {days}). The Provisioning Report and its exports
          will no longer show them; this cannot be undone. Each account&apos;s last state change is kept, so Access at a point in time
          stays correct from then on.
        </p>
      </ConfirmDialog>
    </form>
  );
}
