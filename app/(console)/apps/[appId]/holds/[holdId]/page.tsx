import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { tablePage } from "@/components/data-table/table-page";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { getHold, listHoldJobs } from "@/lib/provisioning/holds/list-holds";
import { HELD_JOB_SORT_KEYS } from "@/lib/provisioning/holds/types";
import { parseListParams } from "@/lib/list-params";
import { pageActor } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { HoldActions } from "../../hold-actions";
import { HeldJobsTable } from "./held-jobs-table";

export const metadata: Metadata = { title: "Held change" };

type Props = {
  params: Promise<{ appId: string; holdId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function Page({ params, searchParams }: Props) {
  const actor = await pageActor("apps:read");
  const { appId, holdId } = await params;
  const hold = await getHold(appId, holdId);
  if (!hold) notFound();
  const list = parseListParams(await searchParams, { sortKeys: HELD_JOB_SORT_KEYS, defaultSort: "subjectLabel" });
  const jobs = await listHoldJobs(hold.id, list);
  const decided = hold.status === "pending" ? null : `${hold.status === "released" ? "Released" : "Cancelled"} by ${hold.decidedBy ?? "an admin"}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/apps/${appId}`} className="text-indigo-700 hover:underline">
          {hold.appName}
        </Link>
      </nav>
      <PageHeader
        title={`Held change: ${hold.summary}`}
        description={
          <>
            Caused by {hold.causedBy}, <LocalTime iso={hold.createdAt} />. The brake holds a change that deprovisions more than {hold.threshold.toLocaleString("en-US")} accounts.
            {decided ? <> {decided}, <LocalTime iso={hold.decidedAt} />.</> : null}
          </>
        }
        actions={
          hold.status === "pending" && can(actor.role, "apps:write") ? (
            <HoldActions appId={appId} hold={{ id: hold.id, summary: hold.summary, jobCount: hold.jobCount, appName: hold.appName }} after={`/apps/${appId}`} />
          ) : null
        }
      />
      <HeldJobsTable page={tablePage(jobs, list)} />
    </>
  );
}
