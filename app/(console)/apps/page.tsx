import type { Metadata } from "next";
import Link from "next/link";
import { tablePage } from "@/components/data-table/table-page";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { listApps } from "@/lib/apps/list-apps";
import { parseListParams } from "@/lib/list-params";
import { pageActor } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { APP_SORT_KEYS } from "@/lib/schemas/app";
import { AppsTable } from "./apps-table";

export const metadata: Metadata = { title: "Apps" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await pageActor("apps:read");
  const params = parseListParams(await searchParams, { sortKeys: APP_SORT_KEYS, defaultSort: "name" });
  const result = await listApps(params);
  const canConnect = can(actor.role, "apps:connect");
  return (
    <>
      <PageHeader
        title="Apps"
        description="Apps receive users over SCIM 2.0; a policy decides which groups each app gets."
        actions={
          canConnect ? (
            <Link href="/apps/new" className={buttonClasses()}>
              Add app
            </Link>
          ) : null
        }
      />
      <AppsTable page={tablePage(result, params)} canConnect={canConnect} />
    </>
  );
}
