import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { listUserAppAccounts, type UserAppAccount } from "@/lib/provisioning/list-user-app-accounts";
import { AppAccountActions, RefreshWhileWorking } from "./app-account-actions";

type Tone = "neutral" | "success" | "warning" | "danger" | "info";

const STATE_TONES: Record<string, Tone> = {
  pending: "info",
  active: "success",
  deactivated: "warning",
  deleted: "neutral",
  gone: "neutral",
  failed: "danger",
};

const JOB_TONES: Record<string, Tone> = {
  pending_approval: "warning",
  queued: "info",
  running: "info",
  succeeded: "success",
  failed: "danger",
  cancelled: "neutral",
};

const JOB_LABELS: Record<string, string> = {
  pending_approval: "waiting for approval",
  queued: "queued",
  running: "running",
  succeeded: "succeeded",
  failed: "failed",
  cancelled: "cancelled",
};

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 py-1">
      <dt className="text-slate-600">{label}</dt>
      <dd className="col-span-2 break-words text-slate-900">{children}</dd>
    </div>
  );
}

function JobSummary({ job }: { job: NonNullable<UserAppAccount["latestJob"]> }) {
  const attempts = job.attempts === 1 ? "1 attempt" : `${job.attempts} attempts`;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span>{job.operation}</span>
      <Badge tone={JOB_TONES[job.status] ?? "neutral"}>{JOB_LABELS[job.status] ?? job.status}</Badge>
      {job.attempts > 0 ? <span className="text-slate-600">{attempts}</span> : null}
    </span>
  );
}

function AccountCard({ userId, item, canProvision }: { userId: string; item: UserAppAccount; canProvision: boolean }) {
  const headingId = `app-account-${item.appId}`;
  const job = item.latestJob;
  // The account keeps the last failure; a first create that failed may only have it on the job.
  const lastError = item.account?.lastError ?? (job?.status === "failed" ? job.lastError : null);
  return (
    <li aria-labelledby={headingId} className="rounded-md border border-slate-200 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="text-sm font-semibold">
          <Link href={`/apps/${item.appId}`} className="text-indigo-700 hover:underline">
            {item.appName}
          </Link>
        </h3>
        {item.account ? (
          <Badge tone={STATE_TONES[item.account.state] ?? "neutral"}>{item.account.state}</Badge>
        ) : (
          <Badge tone="neutral">no account yet</Badge>
        )}
      </div>
      <dl className="mt-2 divide-y divide-slate-100 text-sm">
        <Row label="Remote id">{item.account?.remoteId ? <span className="font-mono text-xs">{item.account.remoteId}</span> : "—"}</Row>
        <Row label="Last sync">
          <LocalTime iso={item.account?.lastSyncAt ?? null} empty="Never" />
        </Row>
        <Row label="Granted by">
          {item.grantedBy.length > 0 ? item.grantedBy.map((p) => p.policyName).join(", ") : <span className="text-slate-600">No policy (out of scope)</span>}
        </Row>
        <Row label="Latest job">{job ? <JobSummary job={job} /> : "—"}</Row>
        {lastError ? (
          <Row label="Last error">
            <span className="text-red-800">{lastError}</span>
          </Row>
        ) : null}
      </dl>
      {canProvision ? (
        <div className="mt-3">
          <AppAccountActions userId={userId} appId={item.appId} appName={item.appName} failedJobId={job?.status === "failed" ? job.id : null} />
        </div>
      ) : null}
    </li>
  );
}

/** The user's accounts in connected apps; admins can provision now or retry a failed job, others read. */
export async function AppAccountsSection({ userId, canProvision }: { userId: string; canProvision: boolean }) {
  const items = await listUserAppAccounts(userId);
  if (items.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No app accounts yet. Accounts appear here once an app is connected and a policy grants it to one of this user&apos;s groups.
      </p>
    );
  }
  const working = items.some((i) => i.latestJob && (i.latestJob.status === "queued" || i.latestJob.status === "running"));
  return (
    <>
      <ul aria-label="App accounts" className="space-y-3">
        {items.map((item) => (
          <AccountCard key={item.appId} userId={userId} item={item} canProvision={canProvision} />
        ))}
      </ul>
      <RefreshWhileWorking active={working} />
    </>
  );
}
