import type { Metadata } from "next";
import Link from "next/link";
import { tablePage } from "@/components/data-table/table-page";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { parseListParams } from "@/lib/list-params";
import { pageActor } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { hasApps, listPolicies } from "@/lib/policies/list-policies";
import { POLICY_SORT_KEYS } from "@/lib/schemas/policy";
import { PoliciesTable } from "./policies-table";

export const metadata: Metadata = { title: "Policies" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await pageActor("policies:read");
  const params = parseListParams(await searchParams, { sortKeys: POLICY_SORT_KEYS, defaultSort: "name" });
  const [result, appsExist] = await Promise.all([listPolicies(params), hasApps()]);
  const canWrite = can(actor.role, "policies:write");
  return (
    <>
      <PageHeader
        title="Policies"
        description="A policy gives the members of its groups an account in an app, while they are active."
        actions={
          canWrite && appsExist ? (
            <Link href="/policies/new" className={buttonClasses()}>
              Add Policy
            </Link>
          ) : null
        }
      />
      <PoliciesTable page={tablePage(result, params)} canWrite={canWrite} hasApps={appsExist} />
    </>
  );
}
