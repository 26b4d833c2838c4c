"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { toLocalInput } from "@/components/ui/datetime-local";
import { SelectField, TextField } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/local-time";
import {
  ACTION_LABELS,
  MAX_USER_TEXT,
  OUTCOME_LABELS,
  REPORT_ACTIONS,
  REPORT_OUTCOMES,
  SPAN_LABELS,
  type ReportSpan,
} from "@/lib/reports/report-filters";

/** The filters as the page hands them over (dates as ISO). */
export type FilterValues = { user: string; apps: string[]; statuses: string[]; actions: string[]; span: ReportSpan; from: string; to: string };

function Checks({ legend, name, options, chosen }: { legend: string; name: string; options: [string, string][]; chosen: string[] }) {
  return (
    <fieldset className="min-w-0">
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map(([value, label]) => (
          <label key={value} className="flex items-center gap-1.5 text-sm text-slate-700">
            <input type="checkbox" name={name} value={value} defaultChecked={chosen.includes(value)} className="h-4 w-4 rounded border-slate-300" />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The report's filters; Search writes them into the URL, so a link reproduces the view. */
export function ReportFilterForm({ values, appNames }: { values: FilterValues; appNames: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [span, setSpan] = useState<ReportSpan>(values.span);
  const [rangeError, setRangeError] = useState<string | null>(null);
  const zone = hydrated ? Intl.DateTimeFormat().resolvedOptions().timeZone : "your time zone";
  // Apps named in the URL but unknown still show as chosen, so the person sees what is filtered.
  const apps = [...new Set([...appNames, ...values.apps])];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const q = new URLSearchParams();
    const user = String(form.get("user") ?? "").trim();
    if (user) q.set("user", user);
    for (const app of form.getAll("app")) q.append("app", String(app));
    q.set("span", span);
    if (span === "custom") {
      const from = new Date(String(form.get("from") ?? ""));
      const to = new Date(String(form.get("to") ?? ""));
      if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return setRangeError("Enter both a start and an end.");
      if (from > to) return setRangeError("The start must be before the end.");
      q.set("from", from.toISOString());
      q.set("to", to.toISOString());
    }
    setRangeError(null);
    for (const s of form.getAll("status")) q.append("status", String(s));
    for (const a of form.getAll("action")) q.append("action", String(a));
    startTransition(() => router.push(`${pathname}?${q.toString()}`));
  };

  return (
    <form onSubmit={submit} aria-label="Report filters" className="mb-6 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="grid gap-4 md:grid-cols-3">
        <TextField
          label="End user identifier"
          name="user"
          defaultValue={values.user}
          maxLength={MAX_USER_TEXT}
          placeholder="userName, email or display name"
          hint="Part of a userName, email or display name; matched literally."
        />
        <SelectField label="Application name" name="app" multiple defaultValue={values.apps} size={Math.min(5, Math.max(2, apps.length))} hint="Choose none for every app; Ctrl/⌘-click for several.">
          {apps.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Timespan" name="span" value={span} onChange={(e) => setSpan(e.target.value as ReportSpan)}>
          {(Object.keys(SPAN_LABELS) as ReportSpan[]).map((key) => (
            <option key={key} value={key}>
              {SPAN_LABELS[key]}
            </option>
          ))}
        </SelectField>
      </div>
      {span === "custom" ? (
        // Remounted after hydration: only the browser knows the viewer's time zone.
        <div key={hydrated ? "local" : "server"} className="grid gap-4 md:grid-cols-3">
          <TextField label={`From (${zone})`} name="from" type="datetime-local" defaultValue={hydrated ? toLocalInput(values.from) : undefined} error={rangeError ?? undefined} />
          <TextField label={`To (${zone})`} name="to" type="datetime-local" defaultValue={hydrated ? toLocalInput(values.to) : undefined} error={rangeError ?? undefined} />
        </div>
      ) : null}
      <Checks legend="Status" name="status" options={REPORT_OUTCOMES.map((o) => [o, OUTCOME_LABELS[o]])} chosen={values.statuses} />
      <Checks legend="Action" name="action" options={REPORT_ACTIONS.map((a) => [a, ACTION_LABELS[a]])} chosen={values.actions} />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Searching…" : "Search"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => startTransition(() => router.push(pathname))}>
          Reset
        </Button>
      </div>
    </form>
  );
}
