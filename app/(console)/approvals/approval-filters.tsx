"use client";

import { useUrlParams } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { APPROVAL_STATUS_LABELS, APPROVAL_STATUSES } from "@/lib/schemas/approval";
import { APPROVAL_RANGE_LABELS, type ApprovalRange } from "@/lib/schemas/approval-filters";

/** Status (pending by default, or the history of any status), app and time filters, kept in the URL. */
export function ApprovalFilters({ apps }: { apps: { id: string; name: string }[] }) {
  const { update, searchParams } = useUrlParams();
  const status = searchParams.get("status") ?? "pending";
  const app = searchParams.get("app") ?? "";
  const range = searchParams.get("range") ?? "";
  const active = status !== "pending" || app || range;
  return (
    <>
      <SelectField label="Status" className="w-44" value={status} onChange={(e) => update({ status: e.target.value === "pending" ? undefined : e.target.value })}>
        {APPROVAL_STATUSES.map((s) => (
          <option key={s} value={s}>
            {APPROVAL_STATUS_LABELS[s]}
          </option>
        ))}
        <option value="all">Any status (history)</option>
      </SelectField>
      <SelectField label="App" className="w-52" value={app} onChange={(e) => update({ app: e.target.value || undefined })}>
        <option value="">Any app</option>
        {apps.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </SelectField>
      <SelectField label="Requested" className="w-44" value={range} onChange={(e) => update({ range: e.target.value || undefined })}>
        <option value="">Any time</option>
        {(Object.keys(APPROVAL_RANGE_LABELS) as ApprovalRange[]).map((key) => (
          <option key={key} value={key}>
            {APPROVAL_RANGE_LABELS[key]}
          </option>
        ))}
      </SelectField>
      {active ? (
        <Button variant="ghost" onClick={() => update({ status: undefined, app: undefined, range: undefined })}>
          Show pending
        </Button>
      ) : null}
    </>
  );
}
