import { NextResponse, type NextRequest } from "next/server";
import { currentSession } from "@/lib/authz";
import { publicBaseUrl } from "@/lib/oauth/config";
import { requestInfo } from "@/lib/sessions/request-info";
import { deleteSession } from "@/lib/sessions/session-store";
import { startSignedInSession } from "@/lib/sign-in/sign-in-flow";
import { clearSsoFlowCookie, readSsoFlowCookie } from "@/lib/sso/flow-cookie";
import { finishSsoSignIn, loginPathFor } from "@/lib/sso/sso-flow";

// The Redirect URI registered at the provider: <PUBLIC_URL or AUTH_URL>/api/auth/sso/callback.
// The answer is always a redirect: into the console, or to /login with a refusal code.
export async function GET(request: NextRequest) {
  const base = publicBaseUrl();
  const challengeId = await readSsoFlowCookie();
  // The attempt is used up whatever happens next.
  await clearSsoFlowCookie();
  const { ip } = await requestInfo();
  const outcome = await finishSsoSignIn(request.nextUrl.searchParams, challengeId, { ip });
  if (!outcome.ok) return NextResponse.redirect(`${base}${loginPathFor(outcome)}`, 303);

  // A sign-in under way in this browser (a password waiting for its second factor) gives way to this one.
  const previous = await currentSession();
  if (previous) await deleteSession(previous.id);
  // The provider enforces its own factors: an SSO session is active at once; its `amr` is kept in the audit row.
  await startSignedInSession(outcome.admin, "sso", {
    tookClientSlot: false,
    audit: { issuer: outcome.issuer, amr: outcome.identity.amr, ...(outcome.created ? { createdOperator: true } : {}) },
  });
  return NextResponse.redirect(`${base}${outcome.next}`, 303);
}
