import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "@/lib/page-guard";
import { getPolicy } from "@/lib/policies/get-policy";
import { listPolicyFormOptions } from "@/lib/policies/list-policy-form-options";
import { previewPolicyAction, updatePolicyAction } from "../../actions";
import { PolicyForm } from "../../policy-form";

export const metadata: Metadata = { title: "Edit policy" };

export default async function Page({ params }: { params: Promise<{ policyId: string }> }) {
  await pageActor("policies:write");
  const { policyId } = await params;
  const [policy, options] = await Promise.all([getPolicy(policyId), listPolicyFormOptions()]);
  if (!policy) notFound();
  return (
    <>
      <PageHeader title={`Edit ${policy.name}`} description={`Grants ${policy.appName} to the members of its groups.`} />
      <PolicyForm
        action={updatePolicyAction.bind(null, policy.id)}
        preview={previewPolicyAction.bind(null, policy.id)}
        options={options}
        initial={{
          appId: policy.appId,
          groupIds: policy.groups.map((g) => g.id),
          name: policy.name,
          loginMethod: policy.loginMethod,
          enabled: policy.enabled,
          approvalRule: policy.approvalRule,
        }}
        submitLabel="Save changes"
        cancelHref="/policies"
      />
    </>
  );
}
