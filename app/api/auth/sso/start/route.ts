import { NextResponse, type NextRequest } from "next/server";
import { publicBaseUrl } from "@/lib/oauth/config";
import { SsoRefusal } from "@/lib/sso/errors";
import { setSsoFlowCookie } from "@/lib/sso/flow-cookie";
import { loginPathFor, startSsoSignIn } from "@/lib/sso/sso-flow";

// "Sign in with …": stores this attempt's state, nonce and PKCE verifier, binds it to the browser with
// a short-lived cookie, and sends the browser to the provider.
export async function GET(request: NextRequest) {
  const base = publicBaseUrl();
  try {
    const { url, challengeId, expiresAt } = await startSsoSignIn(request.nextUrl.searchParams.get("next") ?? undefined);
    await setSsoFlowCookie(challengeId, expiresAt);
    return NextResponse.redirect(url, 303);
  } catch (error) {
    if (error instanceof SsoRefusal) return NextResponse.redirect(`${base}${loginPathFor(error)}`, 303);
    throw error;
  }
}
