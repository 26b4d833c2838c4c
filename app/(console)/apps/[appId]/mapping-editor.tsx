"use client";

import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";
import { useToast } from "@/components/ui/toast";
import type { AppKind } from "@/lib/provisioning/types";
import { defaultMapping, type MappingRule } from "@/lib/scim/mapping";
import { MAPPING_SOURCES } from "@/lib/schemas/app";
import { updateAppMappingAction } from "../actions";

type Row = { key: number; source: string; target: string; transform: string };

let nextKey = 0;
function toRows(rules: MappingRule[]): Row[] {
  return rules.map((r) => ({ key: nextKey++, source: r.source, target: r.target, transform: r.transform ?? "" }));
}

/** Rows of console field -> SCIM attribute path; add, remove, reset to the kind's defaults, save. */
export function MappingEditor({ appId, kind, mapping, canWrite }: { appId: string; kind: AppKind; mapping: MappingRule[]; canWrite: boolean }) {
  const [state, formAction, pending] = useActionState(updateAppMappingAction.bind(null, appId), null);
  const [rows, setRows] = useState<Row[]>(() => toRows(mapping));
  const toast = useToast();
  // Submitting through the action prop would reset the form, blanking these controlled inputs after an error.
  const submit = submitKeepingValues(formAction);
  useEffect(() => {
    if (state?.ok) toast(state.message ?? "Attribute mapping saved.");
  }, [state, toast]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const change = (key: number, field: "source" | "target" | "transform", value: string) =>
    setRows((current) => current.map((r) => (r.key === key ? { ...r, [field]: value } : r)));

  return (
    <section aria-labelledby="mapping-heading" className="space-y-4">
      <div>
        <h2 id="mapping-heading" className="text-base font-semibold text-slate-900">
          Attribute mapping
        </h2>
        <p className="mt-1 max-w-prose text-sm text-slate-600">
          Each row sends a console field to a SCIM attribute: a core name (title), a sub-attribute (name.givenName), a value path
          (emails[type eq &quot;work&quot;].value) or an extension path (urn:…:User:costCenter). Custom attributes are read as customAttributes.&lt;key&gt;.
        </p>
      </div>
      <form onSubmit={submit} className="space-y-3" noValidate>
        <FormMessage message={state && !state.ok ? state.message : undefined} />
        <datalist id="mapping-sources">
          {MAPPING_SOURCES.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Attribute mapping rules">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Console field</th>
                <th scope="col" className="px-3 py-2 font-medium">SCIM attribute</th>
                <th scope="col" className="px-3 py-2 font-medium">Transform</th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row, i) => {
                const sourceError = errors?.[`rules.${i}.source`];
                const targetError = errors?.[`rules.${i}.target`];
                const transformError = errors?.[`rules.${i}.transform`];
                const rowErrors = [...(sourceError ?? []), ...(targetError ?? []), ...(transformError ?? [])];
                return (
                  <tr key={row.key} className="align-top">
                    <td className="px-3 py-2">
                      <input name="source" list="mapping-sources" aria-label={`Row ${i + 1} console field`} value={row.source} disabled={!canWrite}
                        onChange={(e) => change(row.key, "source", e.target.value)} aria-invalid={Boolean(sourceError)} aria-describedby={rowErrors.length ? `mapping-row-${i}-error` : undefined} className={controlClasses} />
                    </td>
                    <td className="px-3 py-2">
                      <input name="target" aria-label={`Row ${i + 1} SCIM attribute`} value={row.target} disabled={!canWrite}
                        onChange={(e) => change(row.key, "target", e.target.value)} aria-invalid={Boolean(targetError)} aria-describedby={rowErrors.length ? `mapping-row-${i}-error` : undefined} className={controlClasses} />
                      {rowErrors.length > 0 ? (
                        <p id={`mapping-row-${i}-error`} className="mt-1 text-xs text-red-700">
                          {rowErrors.join(" ")}
                        </p>
                      ) : null}
                    </td>
                    <td className="px-3 py-2">
                      <select name="transform" aria-label={`Row ${i + 1} transform`} value={row.transform} disabled={!canWrite} onChange={(e) => change(row.key, "transform", e.target.value)} className={controlClasses}>
                        <option value="">None</option>
                        <option value="lowercase">Lowercase</option>
                        <option value="slackUserName">Slack user name (≤ 21, lowercase)</option>
                      </select>
                    </td>
                    <td className="px-3 py-2 text-right">
                      {canWrite ? (
                        <Button variant="ghost" size="sm" aria-label={`Remove row ${i + 1}`} onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}>
                          Remove
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {canWrite ? (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setRows((current) => [...current, { key: nextKey++, source: "", target: "", transform: "" }])}>
              Add row
            </Button>
            <Button variant="secondary" onClick={() => setRows(toRows(defaultMapping(kind)))}>
              Reset to defaults
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save mapping"}
            </Button>
          </div>
        ) : null}
      </form>
    </section>
  );
}
