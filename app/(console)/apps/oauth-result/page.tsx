import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { oauthFailureMessage } from "@/lib/oauth/errors";
import { pageActor } from "@/lib/page-guard";

export const metadata: Metadata = { title: "Connection not completed" };

/** Where a connect attempt lands when it cannot be tied to an app (unknown or foreign state, or no permission). */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await pageActor("apps:read");
  const code = (await searchParams).error;
  const message = code === "forbidden" ? "Only admins can connect apps. Ask an admin to connect it." : oauthFailureMessage(typeof code === "string" ? code : "state_invalid");
  return (
    <>
      <PageHeader title="Connection not completed" />
      <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
        {message}
      </p>
      <Link href="/apps" className="text-sm text-indigo-700 hover:underline">
        Back to Apps
      </Link>
    </>
  );
}
