import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "@/lib/page-guard";
import { SecondFactorRequirementSection } from "./second-factor-requirement";
import { SsoSettingsSection } from "./sso-settings";

export const metadata: Metadata = { title: "Sign-in settings" };

/** Settings > Sign-in: who needs a second factor, and single sign-on through an OpenID Connect provider. */
export default async function SignInSettingsPage() {
  await pageActor("admins:read");
  return (
    <>
      <PageHeader title="Settings" description="How operators sign in to this console." />
      <div className="space-y-10">
        <SecondFactorRequirementSection />
        <SsoSettingsSection />
      </div>
    </>
  );
}
