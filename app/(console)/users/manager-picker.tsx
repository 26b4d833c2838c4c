"use client";

import { useEffect, useState, useTransition } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import type { UserChoice } from "@/lib/users/user-shape";
import { searchManagersAction } from "./actions";

type Props = { initial: UserChoice | null; excludeId?: string; error?: string[] };

/**
 * The manager field: a search box that fills the Manager select with matching users, so it works
 * with 100,000 users. Posts managerId (and managerLabel, to show the choice again after an error).
 */
export function ManagerPicker({ initial, excludeId, error }: Props) {
  const [selected, setSelected] = useState<UserChoice | null>(initial);
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<UserChoice[] | null>(null);
  const [searching, startSearch] = useTransition();

  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    const timer = setTimeout(() => {
      startSearch(async () => {
        const result = await searchManagersAction(q, excludeId);
        setResults(result.ok ? result.data : []);
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [query, excludeId]);

  const shown = query.trim() ? (results ?? []) : [];
  const options = selected && !shown.some((o) => o.id === selected.id) ? [selected, ...shown] : shown;
  const status = !query.trim() ? "" : searching ? "Searching…" : `${shown.length} matching ${shown.length === 1 ? "user" : "users"}; choose one in Manager.`;

  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField
        label="Find a manager"
        type="search"
        value={query}
        autoComplete="off"
        maxLength={200}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          // Enter here searches; it must not submit the whole form.
          if (e.key === "Enter") e.preventDefault();
        }}
        hint={<span aria-live="polite">{status || "Type a name, user name or email."}</span>}
      />
      <SelectField
        label="Manager"
        name="managerId"
        value={selected?.id ?? ""}
        error={error}
        onChange={(e) => setSelected(options.find((o) => o.id === e.target.value) ?? null)}
      >
        <option value="">No manager</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </SelectField>
      <input type="hidden" name="managerLabel" value={selected?.label ?? ""} />
    </div>
  );
}
