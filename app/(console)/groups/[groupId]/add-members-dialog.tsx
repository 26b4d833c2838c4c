"use client";

import { useEffect, useId, useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { controlClasses } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { GroupCandidate } from "@/lib/groups/types";
import { addGroupMembersAction, searchGroupCandidatesAction } from "../actions";
import { membersLabel } from "../format";
import { MembershipImpactPreview } from "../membership-impact";

/** Add members: search users not yet in the group on the server, tick several, add them at once. */
export function AddMembersDialog({ groupId, groupName }: { groupId: string; groupName: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Add members</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Add members to ${groupName}`}>
        {open ? <AddMembersPanel groupId={groupId} groupName={groupName} onDone={() => setOpen(false)} /> : null}
      </Dialog>
    </>
  );
}

function AddMembersPanel({ groupId, groupName, onDone }: { groupId: string; groupName: string; onDone: () => void }) {
  const searchId = useId();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<{ rows: GroupCandidate[]; more: boolean } | null>(null);
  const [error, setError] = useState<string>();
  // Selected users survive new searches, so one can pick from several searches and add once.
  const [selected, setSelected] = useState<Map<string, GroupCandidate>>(new Map());
  const [searching, startSearch] = useTransition();
  const [adding, startAdd] = useTransition();
  const toast = useToast();

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(
      () =>
        startSearch(async () => {
          const result = await searchGroupCandidatesAction(groupId, query);
          if (stale) return;
          if (result.ok) {
            setResults(result.data);
            setError(undefined);
          } else setError(result.message);
        }),
      250,
    );
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [groupId, query]);

  const toggle = (user: GroupCandidate) =>
    setSelected((current) => {
      const next = new Map(current);
      if (next.has(user.id)) next.delete(user.id);
      else next.set(user.id, user);
      return next;
    });

  const add = () =>
    startAdd(async () => {
      const result = await addGroupMembersAction(groupId, [...selected.keys()]);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      toast(`Added ${membersLabel(result.data.added)} to ${groupName}.`);
      onDone();
    });

  return (
    <div className="space-y-3">
      <div>
        <label htmlFor={searchId} className="block text-sm font-medium text-slate-700">
          Search users to add
        </label>
        <input
          id={searchId}
          type="search"
          autoFocus
          value={query}
          maxLength={200}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter in the search box must not submit or close anything.
            if (e.key === "Enter") e.preventDefault();
          }}
          className={controlClasses}
          placeholder="Name, email or user name"
        />
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <fieldset aria-busy={searching} className="max-h-72 overflow-y-auto rounded-md border border-slate-200">
        <legend className="sr-only">Users not in this group</legend>
        {results === null ? (
          <p className="p-3 text-slate-500">Searching…</p>
        ) : results.rows.length === 0 ? (
          <p className="p-3 text-slate-500">{query ? `No users outside this group match “${query}”.` : "Every user is already in this group."}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {results.rows.map((user) => (
              <li key={user.id}>
                <label className="flex cursor-pointer items-start gap-3 px-3 py-2 hover:bg-slate-50">
                  <input type="checkbox" className="mt-1 size-4" checked={selected.has(user.id)} onChange={() => toggle(user)} />
                  <span className="min-w-0">
                    <span className="block font-medium text-slate-900">
                      {user.displayName} <span className="font-normal text-slate-500">({user.userName})</span>{" "}
                      {user.active ? null : <Badge>Deactivated</Badge>}
                    </span>
                    <span className="block truncate text-slate-600">{user.email}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <p aria-live="polite" className="text-slate-600">
        {results?.more ? "Showing the first 20 matches; type more to narrow the search. " : ""}
        {selected.size > 0 ? `${selected.size.toLocaleString("en-US")} ${selected.size === 1 ? "user" : "users"} selected.` : ""}
      </p>
      <MembershipImpactPreview groupId={groupId} add={[...selected.keys()]} />
      <div className="flex justify-end gap-2 pt-2">
        <Button variant="secondary" onClick={onDone} disabled={adding}>
          Cancel
        </Button>
        <Button onClick={add} disabled={selected.size === 0 || adding}>
          {adding ? "Adding…" : `Add selected (${selected.size})`}
        </Button>
      </div>
    </div>
  );
}
