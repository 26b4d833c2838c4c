import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireOwnSession } from "@/lib/authz";
import { redirect } from "next/navigation";
import { TotpSection } from "./totp-section";
import { PasskeysSection } from "./passkeys-section";
import { SessionsSection } from "./sessions-section";

export const metadata: Metadata = { title: "Your account" };

/** The operator's own page: second factors, passkeys and signed-in sessions. */
export default async function AccountPage() {
  const own = await requireOwnSession().catch(() => null);
  if (!own) redirect("/login");
  return (
    <>
      <PageHeader title="Your account" description={`${own.actor.name} · ${own.actor.email}. How you sign in, and where you are signed in.`} />
      <div className="space-y-10">
        <TotpSection />
        <PasskeysSection />
        <SessionsSection />
      </div>
    </>
  );
}
