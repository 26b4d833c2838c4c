import { NextResponse, type NextRequest } from "next/server";

// Only redirects visitors without a session cookie; every page and lib function checks the
// session and permission itself (lib/authz.ts).
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const login = new URL("/login", request.url);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== "/") login.searchParams.set("next", target);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!login|api/auth|api/health|api/slack/interactivity|_next/static|_next/image|favicon.ico).*)"],
};
