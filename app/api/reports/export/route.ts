import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { exportReportCsv } from "@/lib/reports/export-report";

/** GET /api/reports/export?<the report's filters>: the filtered provisioning report as CSV. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const raw: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (raw[key] ??= []).push(value);
  try {
    return await exportReportCsv(raw);
  } catch (error) {
    if (error instanceof UnauthenticatedError) return new Response("Sign in to export the report.", { status: 401 });
    if (error instanceof ForbiddenError) return new Response("Your role cannot export the provisioning report.", { status: 403 });
    throw error;
  }
}
