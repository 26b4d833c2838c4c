import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "@/lib/page-guard";
import { DEFAULT_SLACK_SCIM_URL } from "@/lib/schemas/app";
import { AppCreateForm } from "./app-create-form";

export const metadata: Metadata = { title: "Add app" };

export default async function Page() {
  await pageActor("apps:connect");
  return (
    <>
      <PageHeader title="Add app" description="Saving verifies the credentials right away: the app is marked connected only when it answers." />
      <AppCreateForm slackUrl={process.env.SLACK_SCIM_URL || DEFAULT_SLACK_SCIM_URL} />
    </>
  );
}
