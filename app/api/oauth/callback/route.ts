import { NextResponse, type NextRequest } from "next/server";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { publicBaseUrl } from "@/lib/oauth/config";
import { finishConnection } from "@/lib/oauth/finish-connection";

// The one Redirect URL for every provider (Slack and generic OAuth 2.0): the state says which app and
// flow it belongs to. The answer is always a redirect to a console page; provider text never travels on.
export async function GET(request: NextRequest) {
  const base = publicBaseUrl();
  try {
    const outcome = await finishConnection(request.nextUrl.searchParams);
    if (!outcome.appId) return NextResponse.redirect(`${base}/apps/oauth-result?error=${outcome.error ?? "state_invalid"}`, 303);
    const query = outcome.error ? `oauth_error=${outcome.error}` : "oauth=connected";
    return NextResponse.redirect(`${base}/apps/${outcome.appId}?tab=settings&${query}`, 303);
  } catch (error) {
    if (error instanceof UnauthenticatedError) return NextResponse.redirect(`${base}/login`, 303);
    if (error instanceof ForbiddenError) return NextResponse.redirect(`${base}/apps/oauth-result?error=forbidden`, 303);
    throw error;
  }
}
