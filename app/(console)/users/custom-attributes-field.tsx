"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { CustomAttributeRow } from "@/lib/schemas/user";

type Row = CustomAttributeRow & { rowId: number };

/** Key/value rows posted as repeated customKey / customValue fields. */
export function CustomAttributesField({ initial, error }: { initial: CustomAttributeRow[]; error?: string[] }) {
  const [rows, setRows] = useState<Row[]>(() => initial.map((r, i) => ({ ...r, rowId: i })));
  const [nextId, setNextId] = useState(initial.length);
  const add = () => {
    setRows((all) => [...all, { key: "", value: "", rowId: nextId }]);
    setNextId((n) => n + 1);
  };
  return (
    <fieldset className="space-y-3" aria-describedby={error?.length ? "custom-attributes-error" : undefined}>
      <legend className="text-sm font-medium text-slate-700">Custom attributes</legend>
      <p className="text-xs text-slate-500">Extra attributes to keep with the user, like costCenter = 4711. Names start with a letter.</p>
      {rows.map((row, index) => (
        <div key={row.rowId} className="flex flex-wrap items-end gap-3">
          <TextField
            label={`Attribute ${index + 1} name`}
            name="customKey"
            defaultValue={row.key}
            maxLength={64}
            className="min-w-40 flex-1"
            aria-invalid={Boolean(error?.length)}
          />
          <TextField label={`Attribute ${index + 1} value`} name="customValue" defaultValue={row.value} maxLength={512} className="min-w-40 flex-[2]" />
          <Button variant="ghost" onClick={() => setRows((all) => all.filter((r) => r.rowId !== row.rowId))} aria-label={`Remove attribute ${index + 1}`}>
            Remove
          </Button>
        </div>
      ))}
      {error?.length ? (
        <p id="custom-attributes-error" className="text-xs text-red-700">
          {error.join(" ")}
        </p>
      ) : null}
      <Button variant="secondary" size="sm" onClick={add}>
        Add attribute
      </Button>
    </fieldset>
  );
}
