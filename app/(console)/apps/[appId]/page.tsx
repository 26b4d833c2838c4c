import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { tablePage } from "@/components/data-table/table-page";
import { cn } from "@/components/ui/cn";
import { PageHeader } from "@/components/ui/page-header";
import { getApp } from "@/lib/apps/get-app";
import { listAppAccounts } from "@/lib/apps/list-app-accounts";
import { listAppEvents } from "@/lib/apps/list-app-events";
import { param, parseListParams } from "@/lib/list-params";
import { pageActor } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { APP_ACCOUNT_SORT_KEYS, APP_KIND_LABELS } from "@/lib/schemas/app";
import { HealthBadge } from "../health-badge";
import { AccountsTable } from "./accounts-table";
import { ApprovalRulesTab } from "./approval-rules-tab";
import { BrakeForm } from "./brake-form";
import { ConnectionBanner } from "./connection-banner";
import { ConnectionSection } from "./connection-section";
import { HoldsBanner } from "./holds-banner";
import { PacingForm } from "./pacing-form";
import { QuarantineBanner } from "./quarantine-banner";
import { QueueSummary } from "./queue-summary";
import { SyncTab } from "./sync-tab";
import { DeleteAppButton } from "./delete-app-button";
import { EventsTable } from "./events-table";
import { FeaturesForm } from "./features-form";
import { MappingEditor } from "./mapping-editor";
import { PayloadPreviewPanel } from "./payload-preview";
import { SettingsForm } from "./settings-form";
import { VerifyPanel } from "./verify-panel";

export const metadata: Metadata = { title: "App" };

const TABS = [
  { id: "settings", label: "Settings" },
  { id: "provisioning", label: "Provisioning" },
  { id: "mapping", label: "Attribute mapping" },
  { id: "accounts", label: "Accounts" },
  { id: "sync", label: "Sync & conflicts" },
  { id: "approvals", label: "Approval rules" },
  { id: "events", label: "Recent events" },
] as const;
type TabId = (typeof TABS)[number]["id"];

type Props = {
  params: Promise<{ appId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function Page({ params, searchParams }: Props) {
  const actor = await pageActor("apps:read");
  const app = await getApp((await params).appId);
  if (!app) notFound();
  const raw = await searchParams;
  const tab: TabId = TABS.find((t) => t.id === param(raw, "tab"))?.id ?? "settings";
  const canWrite = can(actor.role, "apps:write");
  const canConnect = can(actor.role, "apps:connect");
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/apps" className="text-indigo-700 hover:underline">
          Apps
        </Link>
      </nav>
      <PageHeader
        title={app.name}
        description={
          <span className="inline-flex items-center gap-2">
            {APP_KIND_LABELS[app.kind]} <HealthBadge health={app.health} />
          </span>
        }
        actions={canConnect ? <DeleteAppButton app={{ id: app.id, name: app.name, accountCount: app.accountCount }} /> : null}
      />
      {app.health === "error" && app.healthMessage ? (
        <p role="alert" className="-mt-3 mb-6 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {app.healthMessage}
        </p>
      ) : null}
      {/* Each slot loads what it needs by app id; they render nothing when there is nothing to say. */}
      <ConnectionBanner appId={app.id} canConnect={canConnect} />
      <QuarantineBanner appId={app.id} canWrite={canWrite} />
      <HoldsBanner appId={app.id} canWrite={canWrite} />
      <QueueSummary appId={app.id} />

      <nav aria-label="App sections" className="mb-6 flex gap-4 border-b border-slate-200 text-sm">
        {TABS.map((t) => (
          <Link
            key={t.id}
            href={`/apps/${app.id}?tab=${t.id}`}
            aria-current={t.id === tab ? "page" : undefined}
            className={cn("-mb-px border-b-2 px-1 pb-2", t.id === tab ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900")}
          >
            {t.label}
          </Link>
        ))}
      </nav>

      {tab === "settings" ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <SettingsForm app={app} canWrite={canWrite} canConnect={canConnect} />
          <VerifyPanel app={app} canConnect={canConnect} />
          <ConnectionSection appId={app.id} canConnect={canConnect} />
        </div>
      ) : null}
      {tab === "provisioning" ? (
        <div className="space-y-8">
          <FeaturesForm app={app} canWrite={canWrite} />
          <PacingForm appId={app.id} canWrite={canWrite} />
          <BrakeForm appId={app.id} canWrite={canWrite} />
        </div>
      ) : null}
      {tab === "mapping" ? (
        <div className="space-y-8">
          <MappingEditor appId={app.id} kind={app.kind} mapping={app.mapping} canWrite={canWrite} />
          <PayloadPreviewPanel appId={app.id} />
        </div>
      ) : null}
      {tab === "accounts" ? <AccountsSection appId={app.id} raw={raw} /> : null}
      {tab === "sync" ? <SyncTab appId={app.id} canWrite={canWrite} raw={raw} /> : null}
      {tab === "approvals" ? <ApprovalRulesTab appId={app.id} canWrite={canWrite} /> : null}
      {tab === "events" ? <EventsTable rows={await listAppEvents(app.id)} /> : null}
    </>
  );
}

async function AccountsSection({ appId, raw }: { appId: string; raw: Record<string, string | string[] | undefined> }) {
  const list = parseListParams(raw, { sortKeys: APP_ACCOUNT_SORT_KEYS, defaultSort: "userName" });
  const accounts = await listAppAccounts(appId, list);
  return <AccountsTable page={tablePage(accounts, list)} />;
}
