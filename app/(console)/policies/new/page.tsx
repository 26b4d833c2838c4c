import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "@/lib/page-guard";
import { listPolicyFormOptions } from "@/lib/policies/list-policy-form-options";
import { createPolicyAction, previewPolicyAction } from "../actions";
import { PolicyForm } from "../policy-form";

export const metadata: Metadata = { title: "Add Policy" };

export default async function Page() {
  await pageActor("policies:write");
  const options = await listPolicyFormOptions();
  return (
    <>
      <PageHeader title="Add Policy" description="Select the application and the groups whose members get an account in it." />
      {options.apps.length === 0 ? (
        <EmptyState
          title="Connect an app first"
          action={
            <Link href="/apps" className={buttonClasses()}>
              Go to Apps
            </Link>
          }
        >
          <p>A policy grants an app; connect Slack or a SCIM 2.0 app before adding one.</p>
        </EmptyState>
      ) : (
        <PolicyForm action={createPolicyAction} preview={previewPolicyAction.bind(null, null)} options={options} submitLabel="Save policy" cancelHref="/policies" />
      )}
    </>
  );
}
