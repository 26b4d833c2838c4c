"use client";

import type { FormEvent, RefObject } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { count, previewSummary, type ImportPreview } from "@/lib/user-import/limits";
import { RowReportsTable } from "./row-reports-table";

type Props = {
  preview: ImportPreview;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  error?: string;
  onRestart: () => void;
};

/** Step 2: the counts, the rows with problems and a sample of ready rows; nothing written yet. */
export function PreviewStep({ preview, headingRef, onSubmit, pending, error, onRestart }: Props) {
  const rowsLabel = `${count(preview.readyCount)} valid ${preview.readyCount === 1 ? "row" : "rows"}`;
  return (
    <section aria-labelledby="preview-heading" className="space-y-5 rounded-lg border border-slate-200 bg-white p-6">
      <div>
        <h2 id="preview-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-slate-900 outline-none">
          Step 2 of 3: Check the rows
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {preview.fileName}: {count(preview.totalRows)} {preview.totalRows === 1 ? "row" : "rows"}. Nothing has been saved yet.
        </p>
      </div>
      <p className="text-base font-medium text-slate-900" data-testid="preview-summary">
        {previewSummary(preview)}
      </p>
      {preview.ignoredColumns.length > 0 ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          Ignored columns (not a user field): {preview.ignoredColumns.join(", ")}. Name a column <code>custom.&lt;name&gt;</code> to keep it as a custom attribute.
        </p>
      ) : null}
      {preview.customAttributes.length > 0 ? (
        <p className="text-sm text-slate-700">Custom attributes: {preview.customAttributes.join(", ")}.</p>
      ) : null}

      {preview.errorCount > 0 ? (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-900">Rows with errors (these will be skipped)</h3>
          <RowReportsTable label="Rows with errors" rows={preview.errorRows} total={preview.errorCount} />
        </div>
      ) : null}

      {preview.sampleRows.length > 0 ? (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-900">First rows to import</h3>
          <div className="overflow-x-auto rounded-lg border border-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="First rows to import">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  {["Row", "User name", "Email", "Display name", "Manager"].map((h) => (
                    <th key={h} scope="col" className="px-3 py-2 font-medium">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {preview.sampleRows.map((r) => (
                  <tr key={r.row}>
                    <td className="px-3 py-2 tabular-nums">{r.row}</td>
                    <td className="px-3 py-2">{r.userName}</td>
                    <td className="px-3 py-2">{r.email}</td>
                    <td className="px-3 py-2">{r.displayName}</td>
                    <td className="px-3 py-2">{r.managerUserName || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}

      <form onSubmit={onSubmit} className="space-y-3 border-t border-slate-200 pt-4">
        <h3 className="text-sm font-semibold text-slate-900">Step 3 of 3: Import</h3>
        <FormMessage message={error} />
        {preview.readyCount === 0 ? (
          <p className="text-sm text-slate-700">No row can be imported. Fix the errors in the file and upload it again.</p>
        ) : (
          <p className="text-sm text-slate-700">
            The rows are checked again when you import: a row that clashes with a user added in the meantime is skipped and listed.
          </p>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" disabled={pending || preview.readyCount === 0}>
            {pending ? `Importing ${rowsLabel}…` : `Import ${rowsLabel}`}
          </Button>
          <Button variant="secondary" onClick={onRestart} disabled={pending}>
            Choose a different file
          </Button>
        </div>
        {pending ? (
          <p role="status" className="text-sm text-slate-600">
            Importing {count(preview.readyCount)} rows… This can take a minute for large files; keep this page open.
          </p>
        ) : null}
      </form>
    </section>
  );
}
