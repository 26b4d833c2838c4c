import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { loadRunbook } from "@/lib/runbook/load-runbook";
import { pageActor } from "@/lib/page-guard";
import { MarkdownView } from "./markdown-view";

export const metadata: Metadata = { title: "Runbook" };

// Every role holds reports:read; the runbook explains what the report shows, so it shares that permission.
export default async function RunbookPage() {
  await pageActor("reports:read");
  const runbook = await loadRunbook();
  return (
    <>
      <PageHeader title={runbook.title} description="What to do when provisioning to an app goes wrong: symptoms, cause, what to do, how to verify." />
      <div className="flex flex-col gap-8 lg:flex-row-reverse lg:items-start">
        <nav aria-label="Runbook contents" className="rounded-lg border border-slate-200 bg-white p-4 text-sm lg:sticky lg:top-4 lg:w-64 lg:shrink-0">
          <h2 className="mb-2 font-semibold text-slate-900">Contents</h2>
          <ol className="space-y-1">
            {runbook.toc.map((entry) => (
              <li key={entry.id}>
                <a href={`#${entry.id}`} className="text-indigo-700 hover:underline">{entry.text}</a>
              </li>
            ))}
          </ol>
        </nav>
        <MarkdownView blocks={runbook.blocks} />
      </div>
    </>
  );
}
