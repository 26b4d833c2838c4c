"use client";

import { useEffect, useState } from "react";
import type { MembershipImpact } from "@/lib/groups/preview-membership-impact";
import { ImpactPreview } from "../policies/impact-preview";
import { previewMembershipImpactAction } from "./actions";

type Props = { groupId: string; add?: string[]; remove?: string[] };
type State = { key: string; impact?: MembershipImpact; error?: string };

/**
 * What a membership change would do in each app ("Slack: 3 creates" with the users), fetched from the
 * server whenever the group or the selection changes, so the admin sees it before confirming.
 */
export function MembershipImpactPreview({ groupId, add = [], remove = [] }: Props) {
  // Arrays are new on every render; the joined ids say whether the request actually changed.
  const addKey = add.join(",");
  const removeKey = remove.join(",");
  const key = `${groupId}|${addKey}|${removeKey}`;
  const [state, setState] = useState<State | null>(null);

  useEffect(() => {
    if (!groupId || (!addKey && !removeKey)) return;
    let stale = false;
    // A short pause: ticking several users in a row asks the server once.
    const timer = setTimeout(async () => {
      const change = { add: addKey ? addKey.split(",") : [], remove: removeKey ? removeKey.split(",") : [] };
      const result = await previewMembershipImpactAction(groupId, change);
      if (stale) return;
      setState(result.ok ? { key, impact: result.data } : { key, error: result.message });
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [groupId, addKey, removeKey, key]);

  if (!groupId || (add.length === 0 && remove.length === 0)) return null;
  const current = state?.key === key ? state : null;
  return (
    <section aria-label="Effect in apps" aria-live="polite" aria-busy={current === null} className="rounded-md border border-slate-200 bg-slate-50 p-3">
      <h3 className="mb-2 text-sm font-semibold text-slate-900">Effect in apps</h3>
      {current === null ? (
        <p className="text-sm text-slate-600">Checking app accounts…</p>
      ) : current.error ? (
        <p role="alert" className="text-sm text-red-700">
          {current.error}
        </p>
      ) : current.impact && current.impact.summaries.length > 0 ? (
        <ImpactPreview impact={current.impact} />
      ) : (
        <p className="text-sm text-slate-600">No app accounts change.</p>
      )}
    </section>
  );
}
