/**
 * The console's auto-refreshing panels (Sync progress, an account's pending change) call
 * router.refresh(): an RSC request for the page already on screen. Such a request is not the
 * operator's activity, so it must not keep the idle timeout from running out. proxy.ts marks it with
 * this header (dropping any copy the client sent) and the session is then read without being touched.
 */
export const BACKGROUND_HEADER = "x-console-background";

/** True for an RSC request whose path and query equal those of the page it came from (a refresh). */
export function isBackgroundRefresh(request: { url: string; headers: Headers }): boolean {
  if (request.headers.get("rsc") !== "1") return false;
  const referer = request.headers.get("referer");
  if (!referer) return false;
  try {
    const target = new URL(request.url);
    const from = new URL(referer);
    return target.pathname === from.pathname && withoutRsc(target.searchParams) === withoutRsc(from.searchParams);
  } catch {
    return false;
  }
}

function withoutRsc(params: URLSearchParams): string {
  const copy = new URLSearchParams(params);
  copy.delete("_rsc");
  copy.sort();
  return copy.toString();
}
