import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "@/lib/page-guard";

export const metadata: Metadata = { title: "Policies" };

export default async function Page() {
  await pageActor("policies:read");
  return (
    <>
      <PageHeader title="Policies" />
      <EmptyState title="No policies yet" action={<Link href="/users" className="text-sm text-indigo-700 underline">Go to Users</Link>}>
        <p>A policy grants an app to the members of groups. Policies arrive with app connections; create groups now so they are ready to assign.</p>
      </EmptyState>
    </>
  );
}
