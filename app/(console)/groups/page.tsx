import type { Metadata } from "next";
import Link from "next/link";
import { tablePage } from "@/components/data-table/table-page";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { listGroups } from "@/lib/groups/list-groups";
import { parseListParams } from "@/lib/list-params";
import { pageActor } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { GROUP_SORT_KEYS } from "@/lib/schemas/group";
import { GroupsTable } from "./groups-table";

export const metadata: Metadata = { title: "Groups" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await pageActor("groups:read");
  const params = parseListParams(await searchParams, { sortKeys: GROUP_SORT_KEYS, defaultSort: "name" });
  const result = await listGroups(params);
  const canWrite = can(actor.role, "groups:write");
  return (
    <>
      <PageHeader
        title="Groups"
        description="Groups collect users; policies give a group's members access to apps."
        actions={
          canWrite ? (
            <Link href="/groups/new" className={buttonClasses()}>
              Create Group
            </Link>
          ) : null
        }
      />
      <GroupsTable page={tablePage(result, params)} canWrite={canWrite} />
    </>
  );
}
