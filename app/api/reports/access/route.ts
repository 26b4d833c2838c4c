import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { accessAtRows, accessCsvColumns, resolveAccessQuery } from "@/lib/reports/access-at";
import { csvHeaders, csvStream } from "@/lib/reports/csv";

/** GET /api/reports/access?app=<id>&at=<ISO>&q=<search>: the accounts active at that moment as CSV. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const get = (key: string) => url.searchParams.get(key) ?? undefined;
  try {
    const query = await resolveAccessQuery({ app: get("app"), at: get("at") });
    if (!query.app || query.errors.app || query.errors.at) {
      const message = query.errors.app ?? query.errors.at ?? "Choose an app: add ?app=<app id>&at=<ISO time> to the address.";
      return new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    const search = (get("q") ?? "").trim().slice(0, 200) || undefined;
    const rows = await accessAtRows({ appId: query.app.id, at: query.at, search });
    const stamp = query.at.toISOString().replace(/[:.]/g, "-");
    return new Response(csvStream(accessCsvColumns(query.app, query.at), rows), {
      headers: csvHeaders(`access-${query.app.name}-${stamp}.csv`),
    });
  } catch (error) {
    if (error instanceof UnauthenticatedError) return new Response("Sign in to export access.", { status: 401 });
    if (error instanceof ForbiddenError) return new Response("Your role cannot export reports.", { status: 403 });
    throw error;
  }
}
