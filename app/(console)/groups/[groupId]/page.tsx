import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { tablePage } from "@/components/data-table/table-page";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getGroup } from "@/lib/groups/get-group";
import { listGroupMembers } from "@/lib/groups/list-group-members";
import { parseListParams } from "@/lib/list-params";
import { pageActor } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { GROUP_MEMBER_SORT_KEYS } from "@/lib/schemas/group";
import { DeleteGroupButton } from "../delete-group-button";
import { membersLabel } from "../format";
import { AddMembersDialog } from "./add-members-dialog";
import { MembersTable } from "./members-table";

export const metadata: Metadata = { title: "Group" };

type Props = {
  params: Promise<{ groupId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function Page({ params, searchParams }: Props) {
  const actor = await pageActor("groups:read");
  const { groupId } = await params;
  const group = await getGroup(groupId);
  if (!group) notFound();
  const list = parseListParams(await searchParams, { sortKeys: GROUP_MEMBER_SORT_KEYS, defaultSort: "userName" });
  const members = await listGroupMembers(group.id, list);
  const canWrite = can(actor.role, "groups:write");
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/groups" className="text-indigo-700 hover:underline">
          Groups
        </Link>
      </nav>
      <PageHeader
        title={group.name}
        description={<span data-testid="group-member-count">{membersLabel(group.memberCount)}</span>}
        actions={
          canWrite ? (
            <>
              <Link href={`/groups/${group.id}/edit`} className={buttonClasses("secondary")}>
                Edit
              </Link>
              <DeleteGroupButton group={group} redirectTo="/groups" size="md" />
            </>
          ) : null
        }
      />
      {group.description ? <p className="-mt-3 mb-6 max-w-prose text-sm whitespace-pre-line text-slate-700">{group.description}</p> : null}

      <div className="mb-4 flex items-end justify-between gap-4 border-b border-slate-200">
        <nav aria-label="Group sections" className="-mb-px flex gap-4 text-sm">
          <span aria-current="page" className="border-b-2 border-indigo-600 px-1 pb-2 font-medium text-indigo-700">
            Members
          </span>
        </nav>
        {canWrite ? (
          <div className="pb-2">
            <AddMembersDialog groupId={group.id} groupName={group.name} />
          </div>
        ) : null}
      </div>

      <section aria-label="Members">
        <MembersTable page={tablePage(members, list)} canWrite={canWrite} groupId={group.id} groupName={group.name} />
      </section>
    </>
  );
}
