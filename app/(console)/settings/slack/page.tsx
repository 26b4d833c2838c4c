import type { Metadata } from "next";
import { headers } from "next/headers";
import { tablePage } from "@/components/data-table/table-page";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { parseListParams } from "@/lib/list-params";
import { pageActor } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { APPROVER_SORT_KEYS } from "@/lib/schemas/slack";
import { listApprovers } from "@/lib/slack/approvers";
import { getSlackSettings } from "@/lib/slack/settings";
import { ApproversTable } from "./approvers-table";
import { SlackSettingsForm } from "./slack-settings-form";

export const metadata: Metadata = { title: "Slack" };

/** The console's public origin: AUTH_URL when set (behind a proxy), else the request's host. */
async function publicOrigin(): Promise<string> {
  const configured = process.env.AUTH_URL?.trim();
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

export default async function SlackSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await pageActor("admins:read");
  const params = parseListParams(await searchParams, { sortKeys: APPROVER_SORT_KEYS, defaultSort: "name" });
  const [settings, approvers, origin] = await Promise.all([getSlackSettings(), listApprovers(params), publicOrigin()]);
  const canWrite = can(actor.role, "admins:write");
  const requestUrl = `${origin}/api/slack/interactivity`;
  return (
    <>
      <PageHeader
        title="Slack"
        description="Approval requests are posted to Slack with Approve and Deny buttons. Without Slack, approvers decide on the Approvals page."
      />
      <section aria-labelledby="slack-connection-heading" className="space-y-4">
        <h2 id="slack-connection-heading" className="text-lg font-semibold text-slate-900">
          Connection
        </h2>
        <p data-testid="slack-status" className="text-sm text-slate-700">
          {settings.configured ? (
            <>
              Connected to {settings.teamName || settings.teamId}; verified <LocalTime iso={settings.verifiedAt} />
              {settings.updatedBy ? ` by ${settings.updatedBy}` : ""}.
            </>
          ) : (
            "Not configured. Create a Slack app, install it to your workspace, then paste its bot token and signing secret here."
          )}
        </p>
        <SlackSettingsForm settings={settings} canWrite={can(actor.role, "settings:write")} />
        <div className="max-w-xl space-y-1">
          <label htmlFor="slack-request-url" className="block text-sm font-medium text-slate-700">
            Request URL
          </label>
          <input id="slack-request-url" readOnly value={requestUrl} aria-describedby="slack-request-url-hint" className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm" />
          <p id="slack-request-url-hint" className="text-xs text-slate-500">
            Paste it in your Slack app under Interactivity &amp; Shortcuts &gt; Request URL (Slack must be able to reach it over HTTPS).
          </p>
        </div>
      </section>
      <section aria-labelledby="approvers-heading" className="mt-10 space-y-4">
        <div>
          <h2 id="approvers-heading" className="text-lg font-semibold text-slate-900">
            Approvers
          </h2>
          <p className="mt-1 max-w-prose text-sm text-slate-600">
            A click in Slack counts only when the Slack user is linked to an enabled admin or approver here. Link by email finds the Slack user with the
            operator&apos;s email address; or enter the member id by hand.
          </p>
        </div>
        <ApproversTable page={tablePage(approvers, params)} canWrite={canWrite} slackConfigured={settings.configured} />
      </section>
    </>
  );
}
