"use client";

import { useId, useState } from "react";
import { controlClasses } from "@/components/ui/field";

type GroupOption = { id: string; name: string; memberCount: number };

/**
 * Multi-select of groups with a filter box. Selected ids travel as hidden `groupIds` inputs, so
 * they survive a failed save (the form's other fields come back from the action's values).
 */
export function GroupPicker({
  groups,
  selected,
  onChange,
  error,
}: {
  groups: GroupOption[];
  selected: string[];
  onChange: (ids: string[]) => void;
  error?: string[];
}) {
  const id = useId();
  const [filter, setFilter] = useState("");
  const chosen = new Set(selected);
  const q = filter.trim().toLowerCase();
  const shown = q ? groups.filter((g) => g.name.toLowerCase().includes(q)) : groups;
  const invalid = Boolean(error && error.length > 0);
  const toggle = (groupId: string) => onChange(chosen.has(groupId) ? selected.filter((g) => g !== groupId) : [...selected, groupId]);
  return (
    <fieldset className="space-y-2" aria-describedby={invalid ? `${id}-error` : `${id}-count`} aria-invalid={invalid}>
      <legend className="block text-sm font-medium text-slate-700">
        Groups<span className="text-red-600" aria-hidden="true"> *</span>
      </legend>
      {selected.map((groupId) => (
        <input key={groupId} type="hidden" name="groupIds" value={groupId} />
      ))}
      <label htmlFor={`${id}-filter`} className="sr-only">
        Search groups
      </label>
      <input
        id={`${id}-filter`}
        type="search"
        placeholder="Search groups"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        // Enter in the filter box must not submit the policy form.
        onKeyDown={(e) => e.key === "Enter" && e.preventDefault()}
        className={controlClasses}
      />
      <div className={`max-h-56 overflow-y-auto rounded-md border p-2 ${invalid ? "border-red-500" : "border-slate-300"}`}>
        {groups.length === 0 ? (
          <p className="text-sm text-slate-600">No groups yet. Create a group first.</p>
        ) : shown.length === 0 ? (
          <p className="text-sm text-slate-600">No groups match “{filter}”.</p>
        ) : (
          shown.map((g) => (
            <label key={g.id} className="flex items-center gap-2 py-1 text-sm">
              <input type="checkbox" className="size-4" checked={chosen.has(g.id)} onChange={() => toggle(g.id)} />
              <span>{g.name}</span>
              <span className="text-slate-500">
                ({g.memberCount.toLocaleString("en-US")} {g.memberCount === 1 ? "member" : "members"})
              </span>
            </label>
          ))
        )}
      </div>
      <p id={`${id}-count`} className="text-xs text-slate-500" aria-live="polite">
        {selected.length === 1 ? "1 group selected." : `${selected.length} groups selected.`}
      </p>
      {invalid ? (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {error?.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
