import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "@/lib/page-guard";

export const metadata: Metadata = { title: "Apps" };

export default async function Page() {
  await pageActor("apps:read");
  return (
    <>
      <PageHeader title="Apps" />
      <EmptyState title="No apps connected yet" action={<Link href="/users" className="text-sm text-indigo-700 underline">Go to Users</Link>}>
        <p>Connecting apps (Slack, or any SCIM 2.0 app) and pushing users to them over SCIM arrives with provisioning. Until then, manage users and groups here; they will be provisioned once an app and a policy exist.</p>
      </EmptyState>
    </>
  );
}
