import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession } from "@/lib/authz";
import { pathForStage, safeNextPath } from "@/lib/sign-in/next-path";
import { ssoSignInOptions } from "@/lib/sso/config";
import { AuthCard } from "../auth-card";
import { LoginForm } from "./login-form";
import { PasskeySignIn } from "./passkey-sign-in";
import { SsoSignIn } from "./sso-sign-in";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string; reason?: string }> }) {
  const { next, error, reason } = await searchParams;
  const nextPath = typeof next === "string" ? next : undefined;
  const session = await currentSession();
  if (session?.stage === "active") redirect(safeNextPath(nextPath));
  return (
    <AuthCard
      title="Sign in to Identity Console"
      description={`Use the email and password an admin gave you${(await ssoSignInOptions()).available ? ", single sign-on" : ""}, or a passkey.`}
    >
      <SsoSignIn next={nextPath} error={typeof error === "string" ? error : undefined} reason={typeof reason === "string" ? reason : undefined} />
      <LoginForm next={nextPath} />
      <PasskeySignIn next={nextPath} />
      {session ? (
        <p className="mt-4 text-sm text-slate-600">
          A sign-in is under way: <a className="underline" href={pathForStage(session.stage, safeNextPath(nextPath))}>continue it</a>.
        </p>
      ) : null}
    </AuthCard>
  );
}
