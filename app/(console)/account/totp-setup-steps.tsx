"use client";

import Image from "next/image";
import { useActionState, useId, useState, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";
import type { ActionResult } from "@/lib/action-result";
import type { TotpSetup } from "@/lib/operator-factors/totp-setup";

/**
 * The code field's error and invalid mark after a failed try. A refusal whose field error repeats the
 * form message (a wrong code) marks the field without printing the same sentence twice.
 */
export function codeFieldState(failed: { message: string; fieldErrors?: Record<string, string[] | undefined> } | undefined) {
  const errors = failed?.fieldErrors?.code ?? [];
  return { error: errors.filter((e) => e !== failed?.message), "aria-invalid": errors.length > 0 };
}

type ConfirmAction = (prev: ActionResult<{ codes: string[] }> | null, formData: FormData) => Promise<ActionResult<{ codes: string[] }>>;

/**
 * Setting up an authenticator app, used on Your account and during enrolment: a button that makes a
 * new secret, then its QR code and the same key as text, then a code field that confirms it.
 * `onConfirmed` gets the recovery codes to show once.
 */
export function TotpSetupSteps({ start, confirm, onConfirmed }: { start: () => Promise<ActionResult<TotpSetup>>; confirm: ConfirmAction; onConfirmed: (codes: string[]) => void }) {
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [startError, setStartError] = useState<string>();
  const [starting, startTransition] = useTransition();
  const begin = () =>
    startTransition(async () => {
      const result = await start();
      if (!result.ok) return setStartError(result.message);
      setStartError(undefined);
      setSetup(result.data);
    });

  if (!setup) {
    return (
      <div className="space-y-3">
        <FormMessage message={startError} />
        <Button onClick={begin} disabled={starting}>
          {starting ? "Preparing…" : "Set up authenticator app"}
        </Button>
      </div>
    );
  }
  return (
    <div className="space-y-5">
      <ol className="list-decimal space-y-5 pl-5 text-sm text-slate-700">
        <li className="space-y-3">
          <p>Scan this QR code with your authenticator app (for example 1Password, Google Authenticator, Microsoft Authenticator or Aegis).</p>
          <Image
            src={setup.qrCodeDataUrl}
            alt="QR code that adds Identity Console to your authenticator app"
            width={192}
            height={192}
            unoptimized
            className="rounded border border-slate-200"
          />
          <dl className="space-y-1">
            <dt className="font-medium text-slate-800">Can&apos;t scan? Enter this key</dt>
            <dd>
              <code data-testid="totp-secret" className="rounded bg-slate-100 px-2 py-1 font-mono text-base tracking-wide text-slate-900 select-all">
                {setup.secretForTyping}
              </code>
              <p className="mt-1 text-xs text-slate-500">Time-based, 6 digits, every 30 seconds. Spaces do not matter.</p>
            </dd>
          </dl>
        </li>
        <li>
          <p className="mb-3">Enter the 6-digit code the app now shows for Identity Console.</p>
          <ConfirmCodeForm confirm={confirm} onConfirmed={onConfirmed} />
          <p className="mt-3 text-xs text-slate-500">
            This key expires 10 minutes after it was made.{" "}
            <button type="button" className="underline" onClick={begin} disabled={starting}>
              Start again with a new key
            </button>
          </p>
        </li>
      </ol>
    </div>
  );
}

function ConfirmCodeForm({ confirm, onConfirmed }: { confirm: ConfirmAction; onConfirmed: (codes: string[]) => void }) {
  const [state, action, pending] = useActionState(async (prev: ActionResult<{ codes: string[] }> | null, formData: FormData) => {
    const result = await confirm(prev, formData);
    if (result.ok) onConfirmed(result.data.codes);
    return result;
  }, null);
  const failed = state && !state.ok ? state : undefined;
  return (
    <form onSubmit={submitKeepingValues(action)} className="max-w-xs space-y-3" noValidate>
      <FormMessage message={failed?.message} />
      <TextField
        label="Code"
        name="code"
        autoComplete="one-time-code"
        inputMode="numeric"
        required
        defaultValue={failed?.values?.code}
        key={failed ? JSON.stringify(failed.values) : "code"}
        {...codeFieldState(failed)}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Confirm"}
      </Button>
    </form>
  );
}

/** The recovery codes, shown once, with what they are for; `children` is the way on (Done / Continue). */
export function RecoveryCodesShown({ codes, children }: { codes: string[]; children: ReactNode }) {
  const headingId = useId();
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const copyAll = async () => {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  };
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-md bg-amber-50 p-4 ring-1 ring-amber-200">
      <h3 id={headingId} className="text-sm font-semibold text-slate-900">
        Your recovery codes
      </h3>
      <p className="text-sm text-amber-900">
        Each code signs you in once if you lose your authenticator app. They are shown only now: keep them in a password manager or on paper, not
        beside the device. Any earlier recovery codes no longer work.
      </p>
      <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-x-6 gap-y-1 font-mono text-sm text-slate-900 sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={copyAll}>
          Copy codes
        </Button>
        {children}
      </div>
      <p aria-live="polite" className="text-xs text-slate-700">
        {copy === "copied" ? "Copied to the clipboard." : copy === "failed" ? "Copying did not work here: select the codes and copy them yourself." : ""}
      </p>
    </section>
  );
}
