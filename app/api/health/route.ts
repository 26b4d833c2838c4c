import { NextResponse } from "next/server";
import { db } from "@/lib/db";

/** Liveness and database reachability, for load balancers and the runbook. */
export async function GET() {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return NextResponse.json({ status: "ok" });
  } catch {
    return NextResponse.json({ status: "error", message: "database unreachable" }, { status: 503 });
  }
}
