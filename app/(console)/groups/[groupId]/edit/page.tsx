import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { getGroup } from "@/lib/groups/get-group";
import { pageActor } from "@/lib/page-guard";
import { updateGroupAction } from "../../actions";
import { GroupForm } from "../../group-form";

export const metadata: Metadata = { title: "Edit group" };

export default async function Page({ params }: { params: Promise<{ groupId: string }> }) {
  await pageActor("groups:write");
  const { groupId } = await params;
  const group = await getGroup(groupId);
  if (!group) notFound();
  return (
    <>
      <PageHeader title={`Edit ${group.name}`} description="Rename the group or change its description." />
      <GroupForm
        action={updateGroupAction.bind(null, group.id)}
        initial={{ name: group.name, description: group.description }}
        submitLabel="Save changes"
        cancelHref={`/groups/${group.id}`}
      />
    </>
  );
}
