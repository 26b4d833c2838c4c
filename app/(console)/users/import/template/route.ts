import { requirePermission } from "@/lib/authz";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { importTemplateCsv, TEMPLATE_FILE_NAME } from "@/lib/user-import/template";

/** GET /users/import/template: the CSV template, for operators who may import users. */
export async function GET() {
  try {
    await requirePermission("users:write");
  } catch (error) {
    if (error instanceof UnauthenticatedError) return Response.json({ error: error.message }, { status: 401 });
    if (error instanceof ForbiddenError) return Response.json({ error: error.message }, { status: 403 });
    throw error;
  }
  return new Response(importTemplateCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${TEMPLATE_FILE_NAME}"`,
      "Cache-Control": "no-store",
    },
  });
}
