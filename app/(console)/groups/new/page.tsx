import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "@/lib/page-guard";
import { createGroupAction } from "../actions";
import { GroupForm } from "../group-form";

export const metadata: Metadata = { title: "Create Group" };

export default async function Page() {
  await pageActor("groups:write");
  return (
    <>
      <PageHeader title="Create Group" description="Name the group; add members on its page once it exists." />
      <GroupForm action={createGroupAction} submitLabel="Create Group" cancelHref="/groups" />
    </>
  );
}
