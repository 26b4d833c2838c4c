"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { PayloadPreview } from "@/lib/apps/types";
import type { UserChoice } from "@/lib/users/user-shape";
import { previewAppPayloadAction, searchPreviewUsersAction } from "../actions";

/** Choose a user and see the exact SCIM JSON the saved mapping would send for them. */
export function PayloadPreviewPanel({ appId }: { appId: string }) {
  const [q, setQ] = useState("");
  const [choices, setChoices] = useState<UserChoice[] | null>(null);
  const [preview, setPreview] = useState<PayloadPreview | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();

  const search = () =>
    startTransition(async () => {
      const result = await searchPreviewUsersAction(q);
      if (!result.ok) return setError(result.message);
      setError(undefined);
      setChoices(result.data);
    });
  const choose = (user: UserChoice) =>
    startTransition(async () => {
      const result = await previewAppPayloadAction(appId, user.id);
      if (!result.ok) return setError(result.message);
      setError(undefined);
      setPreview(result.data);
    });

  return (
    <section aria-labelledby="preview-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="preview-heading" className="text-base font-semibold text-slate-900">
        Payload preview
      </h2>
      <p className="text-sm text-slate-600">Shows what the saved mapping sends when it creates this user&apos;s account.</p>
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          search();
        }}
      >
        <TextField label="Find a user" type="search" value={q} onChange={(e) => setQ(e.target.value)} className="w-full max-w-sm" />
        <Button type="submit" variant="secondary" disabled={pending}>
          Search
        </Button>
      </form>
      <FormMessage message={error} />
      {choices ? (
        choices.length === 0 ? (
          <p className="text-sm text-slate-600">No users match. Try part of a name, user name or email.</p>
        ) : (
          <ul aria-label="Matching users" className="flex flex-wrap gap-2">
            {choices.map((c) => (
              <li key={c.id}>
                <Button variant="ghost" size="sm" onClick={() => choose(c)} disabled={pending}>
                  Preview {c.label}
                </Button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {preview ? (
        <div>
          <h3 className="text-sm font-medium text-slate-800">Payload for {preview.userName}</h3>
          {preview.ok ? (
            <pre data-testid="payload-preview" className="mt-2 overflow-x-auto rounded bg-slate-50 p-3 text-xs text-slate-800">
              {preview.json}
            </pre>
          ) : (
            <p className="mt-2 text-sm text-red-800">{preview.message}</p>
          )}
        </div>
      ) : null}
    </section>
  );
}
