import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "@/lib/page-guard";

export const metadata: Metadata = { title: "Provisioning Report" };

export default async function Page() {
  await pageActor("reports:read");
  return (
    <>
      <PageHeader title="Provisioning Report" />
      <EmptyState title="No provisioning events yet" action={<Link href="/users" className="text-sm text-indigo-700 underline">Go to Users</Link>}>
        <p>Every attempt to create, update or deactivate an account in an app is recorded here once an app is connected. Filter by end user, app and timespan.</p>
      </EmptyState>
    </>
  );
}
