"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { fromLocalInput, toLocalInput } from "@/components/ui/datetime-local";
import { SelectField, TextField } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/local-time";

type Props = { apps: { id: string; name: string }[]; appId: string; at: string | null; errors: { app?: string; at?: string } };

/** App and moment of the access question, written to the URL so a link reproduces the answer. */
export function AccessForm(props: Props) {
  const hydrated = useHydrated();
  // Only the browser knows the viewer's time zone, so the time field appears after hydration.
  return hydrated ? <AccessFormFields {...props} /> : <div className="mb-6 h-[4.5rem]" aria-hidden="true" />;
}

function AccessFormFields({ apps, appId, at, errors }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [app, setApp] = useState(appId);
  const [time, setTime] = useState(toLocalInput(at ?? new Date().toISOString()));
  const [localErrors, setLocalErrors] = useState<{ app?: string; at?: string }>({});
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const shown = { app: localErrors.app ?? errors.app, at: localErrors.at ?? errors.at };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const iso = fromLocalInput(time);
    const next = {
      app: app ? undefined : "Choose an app.",
      at: iso ? undefined : "Enter a date and time.",
    };
    setLocalErrors(next);
    if (next.app || next.at || !iso) return;
    const query = new URLSearchParams({ app, at: iso });
    startTransition(() => router.push(`${pathname}?${query}`));
  };

  return (
    <form onSubmit={submit} noValidate className="mb-6 flex flex-wrap items-start gap-4" aria-label="Access question">
      <SelectField label="Application" className="w-64" value={app} onChange={(e) => setApp(e.target.value)} error={shown.app} required>
        <option value="">Choose an app</option>
        {apps.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Point in time"
        type="datetime-local"
        className="w-64"
        value={time}
        onChange={(e) => setTime(e.target.value)}
        error={shown.at}
        hint={`Your time zone: ${zone}`}
        required
      />
      <div className="pt-6">
        <Button type="submit" disabled={pending}>
          {pending ? "Loading…" : "Show access"}
        </Button>
      </div>
    </form>
  );
}
