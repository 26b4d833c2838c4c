"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { count, type RowReport } from "@/lib/user-import/limits";

const PAGE_SIZE = 25;

/**
 * Rows that will not be (or were not) imported, with every problem per row, paged in the
 * browser: these rows live only in the action's answer, so the URL-driven DataTable does not apply.
 */
export function RowReportsTable({ label, rows, total }: { label: string; rows: RowReport[]; total: number }) {
  const [page, setPage] = useState(1);
  const lastPage = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const from = rows.length === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const to = Math.min(rows.length, page * PAGE_SIZE);
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={label}>
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Row</th>
              <th scope="col" className="px-3 py-2 font-medium">User name</th>
              <th scope="col" className="px-3 py-2 font-medium">Email</th>
              <th scope="col" className="px-3 py-2 font-medium">Problems</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.map((r) => (
              <tr key={r.row} className="align-top">
                <td className="px-3 py-2 tabular-nums">{r.row}</td>
                <td className="max-w-48 truncate px-3 py-2" title={r.userName}>{r.userName}</td>
                <td className="max-w-56 truncate px-3 py-2" title={r.email}>{r.email}</td>
                <td className="px-3 py-2">
                  <ul className="space-y-1">
                    {r.errors.map((e) => (
                      <li key={`${e.field}:${e.message}`}>
                        <code className="text-xs text-slate-500">{e.field}</code> <span className="text-red-800">{e.message}</span>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600" aria-label={`${label} pages`}>
        <p aria-live="polite">
          Showing {count(from)}–{count(to)} of {count(rows.length)}
          {total > rows.length ? ` (the first ${count(rows.length)} of ${count(total)} rows with problems)` : null}
        </p>
        {lastPage > 1 ? (
          <div className="flex items-center gap-2">
            <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Previous
            </Button>
            <span>
              Page {page} of {count(lastPage)}
            </span>
            <Button variant="secondary" size="sm" disabled={page >= lastPage} onClick={() => setPage(page + 1)}>
              Next
            </Button>
          </div>
        ) : null}
      </nav>
    </div>
  );
}
