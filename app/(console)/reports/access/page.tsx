import type { Metadata } from "next";
import Link from "next/link";
import { tablePage } from "@/components/data-table/table-page";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { parseListParams, param } from "@/lib/list-params";
import { pageActor } from "@/lib/page-guard";
import { ACCESS_SORT_KEYS, listAccessApps, listAccessAt, resolveAccessQuery } from "@/lib/reports/access-at";
import { AccessForm } from "./access-form";
import { AccessTable } from "./access-table";

export const metadata: Metadata = { title: "Access at a point in time" };

export default async function AccessAtPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await pageActor("reports:read");
  const raw = await searchParams;
  const params = parseListParams(raw, { sortKeys: ACCESS_SORT_KEYS, defaultSort: "user", defaultDir: "asc" });
  const [apps, query] = await Promise.all([listAccessApps(), resolveAccessQuery({ app: param(raw, "app"), at: param(raw, "at") })]);
  const ready = query.app && !query.errors.at;
  const page = ready && query.app ? await listAccessAt({ appId: query.app.id, at: query.at }, params) : null;
  const exportHref =
    page && query.app ? `/api/reports/access?${new URLSearchParams({ app: query.app.id, at: query.at.toISOString(), ...(params.q ? { q: params.q } : {}) })}` : null;

  return (
    <>
      <PageHeader
        title="Access at a point in time"
        description="Who had an active account in an app at a given moment, worked out from the provisioning events: the last successful create, link or reactivate of each account, not followed by a deactivate or delete."
        actions={
          <>
            <Link href="/reports" className={buttonClasses("secondary")}>
              Provisioning Report
            </Link>
            {exportHref ? (
              <a href={exportHref} className={buttonClasses("primary")} download>
                Export CSV
              </a>
            ) : null}
          </>
        }
      />
      <AccessForm apps={apps} appId={query.app?.id ?? param(raw, "app") ?? ""} at={query.errors.at ? null : query.at.toISOString()} errors={query.errors} />
      {query.notices.length > 0 ? (
        <div role="status" className="mb-4 space-y-1 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {query.notices.map((notice) => (
            <p key={notice}>{notice}</p>
          ))}
        </div>
      ) : null}
      {page && query.app ? (
        <AccessTable
          page={tablePage(page, params)}
          empty={
            params.q ? (
              <EmptyState title="No account matches this search">
                <p>Search matches the user identifier, email or display name. Clear the search to see every account.</p>
              </EmptyState>
            ) : (
              <EmptyState title={`Nobody had an active account in ${query.app.name} at that time`}>
                <p>Pick a later time, or check the Provisioning Report for this app&apos;s create and deactivate events.</p>
              </EmptyState>
            )
          }
        />
      ) : apps.length === 0 ? (
        <EmptyState title="No apps connected yet" action={<Link href="/apps" className="text-sm text-indigo-700 underline">Go to Apps</Link>}>
          <p>Once an app is connected and users are provisioned to it, this page answers who had access to it at any moment.</p>
        </EmptyState>
      ) : (
        <EmptyState title="Choose an app and a time">
          <p>Pick the application and the moment you are asking about, then press Show access.</p>
        </EmptyState>
      )}
    </>
  );
}
