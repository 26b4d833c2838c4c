import type { Metadata } from "next";
import { tablePage } from "@/components/data-table/table-page";
import { EmptyState } from "@/components/ui/empty-state";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "@/lib/page-guard";
import { loadReport } from "@/lib/reports/load-report";
import { reportQuery } from "@/lib/reports/report-filters";
import { ReportChart } from "./report-chart";
import { ReportFilterForm } from "./report-filter-form";
import { ReportTable } from "./report-table";

export const metadata: Metadata = { title: "Provisioning Report" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await pageActor("reports:read");
  const view = await loadReport(await searchParams);
  const { filters } = view;
  const narrowed = Boolean(filters.user || filters.apps.length || filters.statuses.length || filters.actions.length);
  const values = { ...filters, from: filters.from.toISOString(), to: filters.to.toISOString() };
  return (
    <>
      <PageHeader
        title="Provisioning Report"
        description="Every attempt to create, change or remove an account in an app. Times are in your time zone; hover a time for UTC."
        actions={
          <div className="flex items-center gap-3">
            <Link href="/reports/access" className="text-sm font-medium text-indigo-700 hover:underline">
              Access at a point in time
            </Link>
            <a href={view.exportHref} download className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50">
              Export CSV
            </a>
          </div>
        }
      />
      {view.problems.length > 0 ? (
        <div role="status" aria-label="Filters adjusted" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">Some filters in the link were adjusted:</p>
          <ul className="mt-1 list-disc pl-5">
            {view.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ReportFilterForm key={reportQuery(filters).toString()} values={values} appNames={view.appNames} />
      <ReportChart unit={view.chart.unit} buckets={view.chart.buckets} spanHours={(filters.to.getTime() - filters.from.getTime()) / 3_600_000} />
      <ReportTable
        page={tablePage(view.page, view)}
        empty={
          <EmptyState title={narrowed ? "No events match these filters" : "No provisioning events in this timespan"}>
            <p>
              {narrowed
                ? "Widen the search: choose a longer timespan, fewer statuses or actions, more applications, or a shorter part of the user's name or email."
                : "Choose a longer timespan. Events appear once an app is connected and users or groups are assigned to it through a policy."}
            </p>
          </EmptyState>
        }
      />
    </>
  );
}
