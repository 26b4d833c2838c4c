"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog, DialogFormButtons } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { LocalTime, useHydrated } from "@/components/ui/local-time";
import { useToast } from "@/components/ui/toast";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";
import type { ActionResult } from "@/lib/action-result";
import type { PasskeyRow } from "@/lib/operator-factors/passkeys-credentials";
import { createPasskeyInBrowser, usePasskeyCeremony } from "@/lib/operator-factors/passkeys-browser";
import { PASSKEY_NAME_MAX } from "@/lib/schemas/passkeys";
import { addPasskeyAction, passkeyOptionsAction, removePasskeyAction, renamePasskeyAction } from "./passkey-actions";

/** The operator's passkeys with Rename and Remove, and Add passkey. */
export function PasskeysTable({ passkeys }: { passkeys: PasskeyRow[] }) {
  return (
    <div className="space-y-4">
      {passkeys.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-600">You have no passkeys yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Your passkeys</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2">Name</th>
                <th scope="col" className="px-4 py-2">Added</th>
                <th scope="col" className="px-4 py-2">Last used</th>
                <th scope="col" className="px-4 py-2">Kind</th>
                <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {passkeys.map((passkey) => (
                <tr key={passkey.id}>
                  <th scope="row" className="px-4 py-2 text-left font-medium text-slate-900">{passkey.name}</th>
                  <td className="px-4 py-2"><LocalTime iso={passkey.createdAt} /></td>
                  <td className="px-4 py-2"><LocalTime iso={passkey.lastUsedAt} empty="Never" /></td>
                  <td className="px-4 py-2">
                    {passkey.kind === "synced" ? <Badge tone="info">Synced</Badge> : <Badge>Device-bound</Badge>}
                  </td>
                  <td className="px-4 py-2"><PasskeyRowActions passkey={passkey} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddPasskey />
    </div>
  );
}

function AddPasskey() {
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();
  const toast = useToast();
  const { pending, failure, run, clear } = usePasskeyCeremony();
  const close = () => {
    clear();
    setOpen(false);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    run({
      options: passkeyOptionsAction,
      ask: createPasskeyInBrowser,
      submit: (response) => addPasskeyAction(name, response),
      onDone: (added) => {
        toast(`Passkey “${added.name}” added.`);
        close();
      },
    });
  };
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} disabled={!hydrated}>
        Add passkey
      </Button>
      <Dialog open={open} onClose={close} title="Add a passkey">
        <form onSubmit={submit} className="space-y-4" noValidate>
          <p>Your browser asks for this device&apos;s passkey (fingerprint, face or PIN), a password manager, or a security key.</p>
          <FormMessage message={failure?.message} />
          <TextField
            label="Name"
            name="name"
            maxLength={PASSKEY_NAME_MAX}
            autoComplete="off"
            autoFocus
            hint="For example “Work laptop” or “YubiKey”. Leave it empty to name it after the kind of key."
            error={failure?.fieldErrors?.name}
          />
          <DialogFormButtons onCancel={close} label="Add passkey" pendingLabel="Waiting for your passkey…" pending={pending} />
        </form>
      </Dialog>
    </>
  );
}

function PasskeyRowActions({ passkey }: { passkey: PasskeyRow }) {
  const [open, setOpen] = useState<"rename" | "remove" | null>(null);
  const close = () => setOpen(null);
  return (
    <div className="flex justify-end gap-1 whitespace-nowrap">
      <Button variant="ghost" size="sm" aria-label={`Rename ${passkey.name}`} onClick={() => setOpen("rename")}>
        Rename
      </Button>
      <Button variant="ghost" size="sm" aria-label={`Remove ${passkey.name}`} onClick={() => setOpen("remove")}>
        Remove
      </Button>
      <Dialog open={open === "rename"} onClose={close} title={`Rename ${passkey.name}`}>
        <RenameForm passkey={passkey} onDone={close} />
      </Dialog>
      <RemoveDialog passkey={passkey} open={open === "remove"} onClose={close} />
    </div>
  );
}

function RenameForm({ passkey, onDone }: { passkey: PasskeyRow; onDone: () => void }) {
  const [pending, startTransition] = useTransition();
  const [failed, setFailed] = useState<Extract<ActionResult, { ok: false }>>();
  const toast = useToast();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await renamePasskeyAction(passkey.id, null, formData);
      if (!result.ok) return setFailed(result);
      toast(`Passkey renamed to “${result.data.name}”.`);
      onDone();
    });
  };
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormMessage message={failed?.message} />
      <TextField
        label="Name"
        name="name"
        required
        maxLength={PASSKEY_NAME_MAX}
        autoComplete="off"
        autoFocus
        defaultValue={failed?.values?.name ?? passkey.name}
        error={failed?.fieldErrors?.name}
      />
      <DialogFormButtons onCancel={onDone} label="Rename" pendingLabel="Saving…" pending={pending} />
    </form>
  );
}

function RemoveDialog({ passkey, open, onClose }: { passkey: PasskeyRow; open: boolean; onClose: () => void }) {
  const { pending, error, close, run } = useConfirmedAction(onClose);
  const confirm = () => run(() => removePasskeyAction(passkey.id), (removed) => `Passkey “${removed.name}” removed.`);
  return (
    <ConfirmDialog open={open} onClose={close} title={`Remove ${passkey.name}?`} confirmLabel="Remove passkey" onConfirm={confirm} pending={pending}>
      <div className="space-y-3">
        <p>
          You can no longer sign in with “{passkey.name}” or use it as your second factor. The key itself keeps a copy until you delete it there
          (in your password manager or device settings).
        </p>
        <FormMessage message={error} />
      </div>
    </ConfirmDialog>
  );
}
