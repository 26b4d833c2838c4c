"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useToast } from "@/components/ui/toast";
import { FILE_TOO_LARGE, importSummary, MAX_IMPORT_BYTES } from "@/lib/user-import/limits";
import { importUsersAction, previewImportAction } from "./actions";
import { ImportSummary } from "./import-summary";
import { PreviewStep } from "./preview-step";

/** The three steps of the import: choose a file, check the preview, import. */
export function ImportWizard() {
  // "Start over" remounts the steps, which clears both action states and the chosen file.
  const [round, setRound] = useState(0);
  return <Steps key={round} onRestart={() => setRound((r) => r + 1)} />;
}

function fileProblem(file: File | null): string | undefined {
  if (!file) return "Choose a CSV file to upload.";
  if (!/\.csv$/i.test(file.name)) return "Choose a .csv file (in Excel: File › Save As › CSV UTF-8).";
  if (file.size > MAX_IMPORT_BYTES) return FILE_TOO_LARGE;
  return undefined;
}

function Steps({ onRestart }: { onRestart: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string>();
  const [preview, previewDispatch, previewPending] = useActionState(previewImportAction, null);
  const [result, importDispatch, importPending] = useActionState(importUsersAction, null);
  const toast = useToast();
  const headingRef = useRef<HTMLHeadingElement>(null);

  const step = result?.ok ? "done" : preview?.ok ? "preview" : "upload";
  // A new step takes focus, so keyboard and screen reader users land on it.
  useEffect(() => {
    if (step !== "upload") headingRef.current?.focus();
  }, [step]);
  useEffect(() => {
    if (result?.ok) toast(importSummary(result.data));
  }, [result, toast]);

  // The file travels with both requests (held in the browser, never stored on the server).
  function send(dispatch: (data: FormData) => void) {
    return (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const problem = fileProblem(file);
      setLocalError(problem);
      if (problem || !file) return;
      const data = new FormData();
      data.set("file", file);
      startTransition(() => dispatch(data));
    };
  }

  if (result?.ok) return <ImportSummary result={result.data} headingRef={headingRef} onRestart={onRestart} />;
  if (preview?.ok) {
    return (
      <PreviewStep
        preview={preview.data}
        headingRef={headingRef}
        onSubmit={send(importDispatch)}
        pending={importPending}
        error={result && !result.ok ? result.message : undefined}
        onRestart={onRestart}
      />
    );
  }

  const serverError = preview && !preview.ok ? preview : undefined;
  const fieldError = localError ?? serverError?.fieldErrors?.file?.join(" ");
  return (
    <section aria-labelledby="upload-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="upload-heading" className="text-lg font-semibold text-slate-900">
        Step 1 of 3: Choose a file
      </h2>
      <form onSubmit={send(previewDispatch)} className="space-y-4" noValidate>
        {/* File problems are announced next to the input; the form message carries the rest. */}
        <FormMessage message={fieldError ? undefined : serverError?.message} />
        <div className="space-y-1">
          <label htmlFor="import-file" className="block text-sm font-medium text-slate-700">
            CSV file
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={Boolean(fieldError)}
            aria-describedby={fieldError ? "import-file-hint import-file-error" : "import-file-hint"}
            className={controlClasses}
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              setLocalError(chosen ? fileProblem(chosen) : undefined);
            }}
            disabled={previewPending}
          />
          <p id="import-file-hint" className="text-xs text-slate-500">
            Nothing is saved until you confirm the import in step 3.
          </p>
          {fieldError ? (
            <p id="import-file-error" role="alert" className="text-sm text-red-700">
              {fieldError}
            </p>
          ) : null}
        </div>
        <Button type="submit" disabled={previewPending}>
          {previewPending ? "Checking rows…" : "Check file"}
        </Button>
        {previewPending ? (
          <p role="status" className="text-sm text-slate-600">
            Reading and checking every row of {file?.name}…
          </p>
        ) : null}
      </form>
    </section>
  );
}
