import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "@/lib/page-guard";

export const metadata: Metadata = { title: "Approvals" };

export default async function Page() {
  await pageActor("approvals:read");
  return (
    <>
      <PageHeader title="Approvals" />
      <EmptyState title="Nothing waits for approval" action={<Link href="/users" className="text-sm text-indigo-700 underline">Go to Users</Link>}>
        <p>Sensitive provisioning changes will wait here (and in Slack) for an Approve or Deny decision once approval rules exist.</p>
      </EmptyState>
    </>
  );
}
