import type { Metadata } from "next";
import { tablePage } from "@/components/data-table/table-page";
import { PageHeader } from "@/components/ui/page-header";
import { listAdmins } from "@/lib/admins/list-admins";
import { parseListParams } from "@/lib/list-params";
import { pageActor } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { ADMIN_SORT_KEYS } from "@/lib/schemas/admin";
import { AddAdminButton } from "./add-admin-dialog";
import { AdminsTable } from "./admins-table";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await pageActor("admins:read");
  const params = parseListParams(await searchParams, { sortKeys: ADMIN_SORT_KEYS, defaultSort: "name" });
  const page = await listAdmins(params);
  const canWrite = can(actor.role, "admins:write");
  return (
    <>
      <PageHeader title="Settings" description="Who can sign in to this console, and what they may do." />
      <section aria-labelledby="admins-heading" className="space-y-4">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h2 id="admins-heading" className="text-lg font-semibold text-slate-900">
              Admins
            </h2>
            <p className="mt-1 max-w-prose text-sm text-slate-600">
              Console operators. Admins manage everything, approvers decide provisioning requests, auditors read reports and the audit log.
              Changing a role, disabling someone or resetting a password ends their open sessions.
            </p>
          </div>
          {canWrite ? <AddAdminButton /> : null}
        </div>
        <AdminsTable page={tablePage(page, params)} currentAdminId={actor.id} canWrite={canWrite} />
      </section>
    </>
  );
}
