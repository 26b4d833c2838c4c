import type { Metadata } from "next";
import Link from "next/link";
import { tablePage } from "@/components/data-table/table-page";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { param, parseListParams } from "@/lib/list-params";
import { pageActor } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { USER_SORT_KEYS } from "@/lib/schemas/user";
import { listGroupChoices } from "@/lib/users/list-group-choices";
import { isUserStatusFilter, listUsers } from "@/lib/users/list-users";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await pageActor("users:read");
  const raw = await searchParams;
  const list = parseListParams(raw, { sortKeys: USER_SORT_KEYS, defaultSort: "userName" });
  const rawStatus = param(raw, "status");
  const status = isUserStatusFilter(rawStatus) ? rawStatus : "all";
  const groupId = param(raw, "group") ?? "";
  const [data, groups] = await Promise.all([listUsers({ ...list, status, groupId: groupId || undefined }), listGroupChoices()]);
  const canWrite = can(actor.role, "users:write");

  return (
    <>
      <PageHeader
        title="Users"
        description="People in the directory. Their groups decide which apps they are provisioned to."
        actions={
          canWrite ? (
            <>
              <Link href="/users/import" className={buttonClasses("secondary")}>
                Import CSV
              </Link>
              <Link href="/users/new" className={buttonClasses("primary")}>
                Add User
              </Link>
            </>
          ) : undefined
        }
      />
      <UsersTable
        page={tablePage(data, list)}
        status={status}
        groupId={groupId}
        groups={groups}
        filtered={Boolean(list.q) || status !== "all" || groupId !== ""}
        canWrite={canWrite}
      />
    </>
  );
}
