import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Facts, type Fact } from "@/components/ui/facts";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { getApprovalRequest } from "@/lib/approvals/list-requests";
import { pageActor } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { DecideButtons } from "../decide-buttons";
import { RequestDetail, operationLabel } from "../request-detail";
import { ApprovalStatusBadge } from "../status-badge";

export const metadata: Metadata = { title: "Approval request" };

const POST_STATES: Record<string, string> = {
  pending: "Not posted yet; retrying",
  posted: "Posted",
  failed: "Posting failed; decide here",
  not_configured: "Slack is not set up; decide here",
};

export default async function ApprovalRequestPage({ params }: { params: Promise<{ requestId: string }> }) {
  const actor = await pageActor("approvals:read");
  const { requestId } = await params;
  const request = await getApprovalRequest(requestId);
  if (!request) notFound();
  const canDecide = can(actor.role, "approvals:decide") && request.status === "pending";
  const facts: Fact[] = [
    ["App", request.appId ? <Link href={`/apps/${request.appId}`} className="text-indigo-700 underline">{request.appName}</Link> : request.appName],
    ["Action", `${operationLabel(request.operation)} · ${request.subjectCount.toLocaleString("en-US")} in all`],
    ["Requested by", request.requestedBy],
    ["Requested", <LocalTime key="c" iso={request.createdAt} />],
    ["Expires", <LocalTime key="e" iso={request.expiresAt} />],
    ["Approvals needed", String(request.requiredApprovals)],
    ["Slack", `${POST_STATES[request.postState] ?? request.postState}${request.channel ? ` · ${request.channel}` : ""}`],
  ];
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/approvals" className="text-indigo-700 underline">
          ← Approvals
        </Link>
      </p>
      <PageHeader title={request.summary} actions={canDecide ? <DecideButtons request={request} size="md" /> : undefined} />
      <div className="mb-4">
        <ApprovalStatusBadge status={request.status} approvals={request.approvals} requiredApprovals={request.requiredApprovals} />
        {request.decidedBy ? <span className="ml-2 text-sm">by {request.decidedBy}</span> : null}
        {request.decidedAt ? (
          <span className="ml-1 text-sm">
            at <LocalTime iso={request.decidedAt} />
          </span>
        ) : null}
      </div>
      <Facts rows={facts} className="mb-6" />
      <RequestDetail detail={request.detail} subjectCount={request.subjectCount} />
      {request.decisions.length > 0 ? (
        <section aria-label="Decisions" className="mt-6">
          <h3 className="text-sm font-semibold text-slate-900">Decisions</h3>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {request.decisions.map((d) => (
              <li key={`${d.approverEmail}-${d.at}`}>
                {d.decision === "approve" ? "Approved" : "Denied"} by {d.approverEmail} in {d.via === "slack" ? "Slack" : "the console"} at <LocalTime iso={d.at} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
