import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentSession } from "@/lib/authz";
import { secondFactorsOf } from "@/lib/sign-in/second-factor-policy";
import { AuthCard } from "../../auth-card";
import { CodeForm } from "./code-form";
import { SecondFactorPasskey } from "./second-factor-passkey";

export const metadata: Metadata = { title: "Second factor" };

export default async function SecondFactorPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const session = await currentSession();
  const { next } = await searchParams;
  if (!session || session.stage !== "second-factor") redirect(session?.stage === "active" ? "/users" : "/login");
  const factors = await secondFactorsOf(session.admin.id);
  const nextPath = typeof next === "string" ? next : undefined;
  return (
    <AuthCard title="Second factor" description={`Signing in as ${session.admin.email}.`}>
      {factors.passkeys > 0 ? <SecondFactorPasskey next={nextPath} /> : null}
      {factors.totp || factors.passkeys === 0 ? <CodeForm next={nextPath} /> : null}
      <p className="mt-6 text-sm text-slate-600">
        Lost your authenticator and recovery codes? Ask an admin to reset your second factor. <Link href="/login" className="underline">Start over</Link>
      </p>
    </AuthCard>
  );
}
