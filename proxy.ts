import { NextResponse, type NextRequest } from "next/server";
import { BACKGROUND_HEADER, isBackgroundRefresh } from "@/lib/sessions/background-refresh";
import { SESSION_COOKIE_NAMES } from "@/lib/sessions/session-config";

// Only redirects visitors without a session cookie; every page and lib function checks the
// session (on the server: lib/sessions) and permission itself (lib/authz.ts). It also marks
// auto-refresh requests, which must not count as the operator's activity.
export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name));
  if (hasSession) {
    const headers = new Headers(request.headers);
    headers.delete(BACKGROUND_HEADER);
    if (isBackgroundRefresh(request)) headers.set(BACKGROUND_HEADER, "1");
    return NextResponse.next({ request: { headers } });
  }
  const login = new URL("/login", request.url);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== "/") login.searchParams.set("next", target);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!login|enrol|api/auth|api/health|api/slack/interactivity|_next/static|_next/image|favicon.ico).*)"],
};
