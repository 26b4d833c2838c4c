import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession } from "@/lib/authz";
import { AuthCard } from "../auth-card";
import { EnrolFactors } from "./enrol-factors";

export const metadata: Metadata = { title: "Set up a second factor" };

/** Right after the password, an operator whom the requirement covers sets up a second factor; nothing else works until then. */
export default async function EnrolPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const session = await currentSession();
  if (!session) redirect("/login");
  if (session.stage === "active") redirect("/account");
  if (session.stage !== "enrol") redirect("/login/second-factor");
  const { next } = await searchParams;
  return (
    <AuthCard
      wide
      title="Set up a second factor"
      description={`Signing in as ${session.admin.email}. This console asks for a second factor from your role; set one up to continue.`}
    >
      <EnrolFactors email={session.admin.email} next={typeof next === "string" ? next : undefined} />
    </AuthCard>
  );
}
