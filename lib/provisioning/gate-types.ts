import type { Tx } from "@/lib/db";

/** One planned operation of a change (user or group), before its job is written. */
export type GatedOperation = { subjectType: "user" | "group"; subjectId: string; label: string; operation: string };

/** Where a change's new jobs start: queued, or waiting for an approval or a brake release. */
export type Gate = { status: "queued" } | { status: "pending_approval"; approvalId: string } | { status: "held"; holdId: string };

/** A check that may hold one app's share of a change; null lets the next check decide. */
export type GateCheck = (tx: Tx, appId: string, operations: GatedOperation[], causedBy: string) => Promise<Gate | null>;
