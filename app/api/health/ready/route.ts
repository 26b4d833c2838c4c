import { NextResponse } from "next/server";
import { checkDatabase } from "@/lib/database-health";

/**
 * Readiness: the database answers. On SQLite it also says whether WAL and a busy timeout are in force
 * (`concurrentWrites`); without them the console still serves, so that is reported, not a failure.
 */
export async function GET() {
  const database = await checkDatabase();
  if (!database.reachable) return NextResponse.json({ status: "error", message: "database unreachable", database }, { status: 503 });
  const warnings = database.provider === "sqlite" && !database.concurrentWrites ? ["SQLite is not in WAL mode with a busy timeout: admin changes may be refused while the worker writes."] : [];
  return NextResponse.json({ status: "ok", database, warnings });
}
