"use client";

import Link from "next/link";
import type { RefObject } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { importSummary, type ImportResult } from "@/lib/user-import/limits";
import { RowReportsTable } from "./row-reports-table";

/** Step 3 done: what was imported, what was skipped and why. */
export function ImportSummary({ result, headingRef, onRestart }: { result: ImportResult; headingRef: RefObject<HTMLHeadingElement | null>; onRestart: () => void }) {
  return (
    <section aria-labelledby="summary-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="summary-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-slate-900 outline-none">
        Import finished
      </h2>
      <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200" data-testid="import-summary">
        {importSummary(result)}
      </p>
      <p className="text-sm text-slate-600">
        From <span className="font-medium">{result.fileName}</span>.
      </p>
      {result.skippedCount > 0 ? (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-900">Skipped rows</h3>
          <p className="text-sm text-slate-600">Fix these rows and import them in a new file (importing the same file again would report the imported rows as existing users).</p>
          <RowReportsTable label="Skipped rows" rows={result.skipped} total={result.skippedCount} />
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Link href="/users" className={buttonClasses("primary")}>
          Go to Users
        </Link>
        <Button variant="secondary" onClick={onRestart}>
          Import another file
        </Button>
      </div>
    </section>
  );
}
