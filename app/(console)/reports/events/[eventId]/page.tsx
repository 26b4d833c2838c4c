import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { Facts, type Fact } from "@/components/ui/facts";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { NotFoundError } from "@/lib/errors";
import { pageActor } from "@/lib/page-guard";
import { getReportEvent, type ReportEventDetail } from "@/lib/reports/get-report-event";
import { ACTION_LABELS, OUTCOME_LABELS, type ReportAction, type ReportOutcome } from "@/lib/reports/report-filters";
import { RetryButton } from "./retry-button";

export const metadata: Metadata = { title: "Provisioning event" };

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-3 text-base font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

const outcome = (o: string) => OUTCOME_LABELS[o as ReportOutcome] ?? o;

async function load(eventId: string): Promise<ReportEventDetail> {
  try {
    return await getReportEvent(eventId);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export default async function EventPage({ params }: { params: Promise<{ eventId: string }> }) {
  await pageActor("reports:read");
  const e = await load((await params).eventId);
  const action = ACTION_LABELS[e.action as ReportAction] ?? e.action;
  const label = `${action} ${e.userIdentifier} in ${e.appName}`;
  return (
    <>
      <PageHeader
        title={label}
        description={
          <>
            <LocalTime iso={e.at} /> · {outcome(e.outcome)} ·{" "}
            <Link href="/reports" className="text-indigo-700 underline">
              Back to the report
            </Link>
          </>
        }
        actions={e.retryJobId ? <RetryButton eventId={e.id} jobId={e.retryJobId} label={label} /> : undefined}
      />
      {e.explanation ? (
        <Section title="What went wrong and what to do">
          <p className="text-sm text-slate-900">{e.explanation.cause}</p>
          <p className="mt-1 text-sm text-slate-900">
            <span className="font-medium">Next step:</span> {e.explanation.next}
          </p>
          {e.explanation.href ? (
            <Link href={e.explanation.href} className="mt-2 inline-block text-sm text-indigo-700 underline">
              Runbook: how to fix this
            </Link>
          ) : null}
        </Section>
      ) : null}
      <Section title="The app's answer">
        <Facts
          rows={[
            ["Status", outcome(e.outcome)],
            ["HTTP status", e.httpStatus ?? "—"],
            ["SCIM error type", e.scimType ?? "—"],
            ["Message", e.message || "—"],
            ["Duration", e.durationMs === null ? "—" : `${e.durationMs} ms`],
            ["Caused by", e.causedBy],
          ]}
        />
      </Section>
      <Section title="What was sent">
        {e.changes.length === 0 ? (
          <p className="text-sm text-slate-600">No attribute changes were recorded for this attempt (a deactivation, a deletion, or nothing to change).</p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Attribute changes</caption>
            <thead className="text-slate-500">
              <tr>
                <th className="py-1 pr-4 font-medium">Attribute</th>
                <th className="py-1 pr-4 font-medium">Before</th>
                <th className="py-1 font-medium">After</th>
              </tr>
            </thead>
            <tbody>
              {e.changes.map((c) => (
                <tr key={c.path} className="border-t border-slate-100">
                  <td className="py-1 pr-4 font-mono text-xs">{c.path}</td>
                  <td className="py-1 pr-4 wrap-anywhere">{c.from}</td>
                  <td className="py-1 wrap-anywhere">{c.to}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title={`Attempts (${e.attempts.length})`}>
        <ol className="space-y-1 text-sm">
          {e.attempts.map((a) => (
            <li key={a.id} className={a.id === e.id ? "font-medium" : undefined}>
              Attempt {a.attempt}: <LocalTime iso={a.at} /> · {outcome(a.outcome)}
              {a.httpStatus ? ` · HTTP ${a.httpStatus}` : ""}
              {a.durationMs !== null ? ` · ${a.durationMs} ms` : ""}
              {a.message ? ` · ${a.message}` : ""}
            </li>
          ))}
        </ol>
      </Section>
      {e.approval ? (
        <Section title="Approval">
          <Facts
            rows={[
              ["Request", e.approval.summary],
              ["Status", e.approval.status],
              ["Requested by", e.approval.requestedBy],
              ["Decided by", e.approval.decidedBy ?? "—"],
              ["Decided at", <LocalTime key="at" iso={e.approval.decidedAt} />],
              ...e.approval.decisions.map((d): Fact => [`${d.decision === "approve" ? "Approved" : "Denied"} by`, `${d.by} via ${d.via}`]),
            ]}
          />
        </Section>
      ) : null}
    </>
  );
}
