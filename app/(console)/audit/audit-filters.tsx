"use client";

import { useState } from "react";
import { useUrlParams } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import { fromLocalInput, toLocalInput } from "@/components/ui/datetime-local";
import { SelectField, TextField } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/local-time";
import type { AuditFilterOptions } from "@/lib/audit-log/types";
import { AUDIT_RANGE_LABELS, type AuditRange } from "@/lib/schemas/audit";

const FILTER_KEYS = ["actor", "action", "range", "from", "to"] as const;

/** Actor, action and time range filters of the audit log, kept in the URL. */
export function AuditFilters({ options }: { options: AuditFilterOptions }) {
  const { update, searchParams } = useUrlParams();
  const hydrated = useHydrated();
  const from = searchParams.get("from");
  const to = searchParams.get("to");
  const range = searchParams.get("range") ?? "";
  const [custom, setCustom] = useState(Boolean(from || to));
  const timeValue = custom ? "custom" : range;
  const active = FILTER_KEYS.some((key) => searchParams.get(key));
  // A filter from the URL that no option matches (an operator since deleted, say) still shows.
  const actor = searchParams.get("actor") ?? "";
  const action = searchParams.get("action") ?? "";
  const actors = actor && !options.actors.some((a) => a.id === actor) ? [...options.actors, { id: actor, email: "Unknown operator", name: "" }] : options.actors;
  const actions = action && !options.actions.includes(action) ? [...options.actions, action] : options.actions;

  const chooseTime = (value: string) => {
    setCustom(value === "custom");
    if (value === "custom") update({ range: undefined });
    else update({ range: value || undefined, from: undefined, to: undefined });
  };

  return (
    <>
      <SelectField label="Actor" className="w-56" value={actor} onChange={(e) => update({ actor: e.target.value || undefined })}>
        <option value="">Anyone</option>
        {actors.map((a) => (
          <option key={a.id} value={a.id}>
            {a.email}
          </option>
        ))}
      </SelectField>
      <SelectField label="Action" className="w-56" value={action} onChange={(e) => update({ action: e.target.value || undefined })}>
        <option value="">Any action</option>
        {actions.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </SelectField>
      <SelectField label="Time" className="w-44" value={timeValue} onChange={(e) => chooseTime(e.target.value)}>
        <option value="">Any time</option>
        {(Object.keys(AUDIT_RANGE_LABELS) as AuditRange[]).map((key) => (
          <option key={key} value={key}>
            {AUDIT_RANGE_LABELS[key]}
          </option>
        ))}
        <option value="custom">Custom range</option>
      </SelectField>
      {custom ? (
        // Remounted after hydration: only the browser knows the viewer's time zone.
        <div key={hydrated ? "local" : "server"} className="flex flex-wrap gap-3">
          <TextField
            label="From"
            type="datetime-local"
            className="w-56"
            defaultValue={hydrated ? toLocalInput(from) : undefined}
            onChange={(e) => update({ from: fromLocalInput(e.target.value), range: undefined })}
          />
          <TextField
            label="To"
            type="datetime-local"
            className="w-56"
            defaultValue={hydrated ? toLocalInput(to) : undefined}
            onChange={(e) => update({ to: fromLocalInput(e.target.value), range: undefined })}
          />
        </div>
      ) : null}
      {active ? (
        <Button
          variant="ghost"
          onClick={() => {
            setCustom(false);
            update(Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined])));
          }}
        >
          Clear filters
        </Button>
      ) : null}
    </>
  );
}
