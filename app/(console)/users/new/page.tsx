import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "@/lib/page-guard";
import { UserForm } from "../user-form";

export const metadata: Metadata = { title: "Add User" };

export default async function NewUserPage() {
  await pageActor("users:write");
  return (
    <>
      <PageHeader
        title="Add User"
        description={
          <>
            Fields marked * are required. To add many people at once, <Link href="/users/import" className="text-indigo-700 underline">import a CSV file</Link>.
          </>
        }
      />
      <UserForm mode="create" />
    </>
  );
}
