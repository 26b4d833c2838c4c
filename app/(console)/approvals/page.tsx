import type { Metadata } from "next";
import Link from "next/link";
import { tablePage } from "@/components/data-table/table-page";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listApprovalApps, listApprovalRequests } from "@/lib/approvals/list-requests";
import { parseListParams } from "@/lib/list-params";
import { pageActor } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { APPROVAL_SORT_KEYS, parseApprovalFilters } from "@/lib/schemas/approval-filters";
import { ApprovalsTable } from "./approvals-table";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await pageActor("approvals:read");
  const raw = await searchParams;
  const params = parseListParams(raw, { sortKeys: APPROVAL_SORT_KEYS, defaultSort: "createdAt", defaultDir: "desc" });
  const filters = parseApprovalFilters(raw);
  const [page, apps] = await Promise.all([listApprovalRequests(params, filters), listApprovalApps()]);
  const filtered = filters.status !== "pending" || Boolean(filters.appId || filters.range || params.q);
  const empty = filtered ? (
    <EmptyState title="No requests match these filters">
      <p>Pick another status, app or time range, or clear the search.</p>
    </EmptyState>
  ) : (
    <EmptyState title="Nothing waits for approval" action={can(actor.role, "apps:read") ? <Link href="/apps" className="text-sm text-indigo-700 underline">Go to Apps</Link> : undefined}>
      <p>
        Changes that need a yes wait here and in Slack. To start, open an app, choose its Approval rules tab and say which operations (or how
        large a change) need an approver. Choose &quot;Any status&quot; to see decided requests.
      </p>
    </EmptyState>
  );
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Provisioning changes waiting for an approver, and the history of decisions. Approving here works the same as the buttons in Slack, and is the fallback when Slack is not set up or not reachable."
      />
      <ApprovalsTable page={tablePage(page, params)} apps={apps} canDecide={can(actor.role, "approvals:decide")} empty={empty} />
    </>
  );
}
