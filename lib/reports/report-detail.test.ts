import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { seedApp } from "@/lib/provisioning/test-support";
import { retryJob } from "@/lib/provisioning/worker/retry-job";
import { asRole, unique } from "@/test/factories";
import { exportReportCsv } from "./export-report";
import { getReportEvent } from "./get-report-event";
import { listReportEvents } from "./list-report-events";
import { loadReport } from "./load-report";
import { parseReportFilters } from "./report-filters";

const NOW = new Date();
const MINUTE = 60_000;

/** A failed create in a fresh app: two attempts of one job, the job now failed, behind an approved request. */
async function failedJob() {
  const app = await seedApp({ baseUrl: "http://127.0.0.1:9/scim/v2", token: "secret-token-never-shown" });
  const userName = unique("fail.");
  const approval = await db.approvalRequest.create({
    data: { appId: app.id, appName: app.name, summary: `Create 1 account in ${app.name}`, operation: "create", subjectCount: 1, requestedBy: "boss@example.test", status: "approved", decidedBy: "approver@example.test", decidedAt: new Date(NOW.getTime() - 30 * MINUTE), expiresAt: new Date(NOW.getTime() + 60 * MINUTE) },
  });
  await db.approvalDecision.create({ data: { requestId: approval.id, approverEmail: "approver@example.test", decision: "approve", via: "slack" } });
  const job = await db.provisioningJob.create({
    data: { appId: app.id, subjectType: "user", subjectId: unique("id"), subjectLabel: userName, operation: "create", status: "failed", attempts: 2, lastError: "Conflict", causedBy: "admin@example.test", approvalId: approval.id },
  });
  const base = { appId: app.id, appName: app.name, userIdentifier: userName, userSearch: userName, action: "create", jobId: job.id, approvalId: approval.id, causedBy: "admin@example.test" };
  const first = await db.provisioningEvent.create({ data: { ...base, at: new Date(NOW.getTime() - 20 * MINUTE), outcome: "retrying", httpStatus: 503, message: "The app failed on its side (503).", durationMs: 40, attempt: 1 } });
  const last = await db.provisioningEvent.create({
    data: {
      ...base,
      at: new Date(NOW.getTime() - 10 * MINUTE),
      outcome: "failed",
      httpStatus: 409,
      scimType: "uniqueness",
      message: "=HYPERLINK(\"http://evil\"), already exists",
      durationMs: 55,
      attempt: 2,
      detail: JSON.stringify({ changes: [{ path: "emails[type eq \"work\"].value", from: null, to: `${userName}@example.test` }] }),
    },
  });
  return { app, job, approval, first, last, userName };
}

describe("report row detail", () => {
  it("shows what was sent, the app's answer, every attempt, the approval and a cause with its runbook section", async () => {
    const { first, last, approval, userName } = await failedJob();
    const detail = await asRole("auditor", () => getReportEvent(last.id));
    expect(detail).toMatchObject({ userIdentifier: userName, outcome: "failed", httpStatus: 409, scimType: "uniqueness", causedBy: "admin@example.test" });
    expect(detail.changes).toEqual([{ path: 'emails[type eq "work"].value', from: "—", to: `${userName}@example.test` }]);
    expect(detail.attempts.map((a) => [a.id, a.attempt, a.outcome, a.durationMs])).toEqual([
      [first.id, 1, "retrying", 40],
      [last.id, 2, "failed", 55],
    ]);
    expect(detail.approval).toMatchObject({ id: approval.id, status: "approved", decidedBy: "approver@example.test", decisions: [{ by: "approver@example.test", decision: "approve", via: "slack" }] });
    expect(detail.explanation?.href).toBe("/runbook#conflicts");
    expect(detail.explanation?.next).toMatch(/Retry/);
    expect(JSON.stringify(detail)).not.toContain("secret-token-never-shown");
  });

  it("offers Retry to admins only; auditors and approvers cannot retry on the server either", async () => {
    const { job, last } = await failedJob();
    expect((await asRole("admin", () => getReportEvent(last.id))).retryJobId).toBe(job.id);
    expect((await asRole("auditor", () => getReportEvent(last.id))).retryJobId).toBeNull();
    expect((await asRole("approver", () => getReportEvent(last.id))).retryJobId).toBeNull();
    await expect(asRole("auditor", () => retryJob(job.id))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(asRole("approver", () => retryJob(job.id))).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.provisioningJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("failed");
    await asRole("admin", () => retryJob(job.id));
    expect((await db.provisioningJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("queued");
    // Once queued again the detail no longer offers Retry.
    expect((await asRole("admin", () => getReportEvent(last.id))).retryJobId).toBeNull();
  });

  it("answers not found for unknown or malformed ids", async () => {
    await expect(asRole("auditor", () => getReportEvent("nope"))).rejects.toBeInstanceOf(NotFoundError);
    await expect(asRole("auditor", () => getReportEvent("'; drop table x;--"))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("report permissions", () => {
  it("lets admins, approvers and auditors read", async () => {
    const { filters } = parseReportFilters({});
    const params = { page: 1, pageSize: 25, sort: "at" as const, dir: "desc" as const, q: "" };
    for (const role of ["admin", "approver", "auditor"] as const) await expect(asRole(role, () => listReportEvents(filters, params))).resolves.toBeInstanceOf(Array);
    for (const role of ["admin", "approver", "auditor"] as const) await expect(asRole(role, () => loadReport({}))).resolves.toHaveProperty("page");
  });
});

describe("report CSV export", () => {
  it("exports exactly the filtered rows with a header, UTC ISO times and formulas neutralised", async () => {
    const { app, last, first, userName } = await failedJob();
    await db.provisioningEvent.create({ data: { appName: app.name, userIdentifier: unique("other."), action: "update", outcome: "success", message: "Updated", at: new Date(NOW.getTime() - 5 * MINUTE) } });
    const response = await asRole("auditor", () => exportReportCsv({ app: app.name, status: ["failed", "retrying"], span: "24h" }));
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="provisioning-report-.*\.csv"$/);
    const text = await response.text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("Time (UTC),Application,End user or group,Subject type,Action,Status,HTTP status,SCIM error type,Message,Duration (ms),Attempt,Caused by,Event id");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      `${last.at.toISOString()},${app.name},${userName},user,create,failed,409,uniqueness,"'=HYPERLINK(""http://evil""), already exists",55,2,admin@example.test,${last.id}`,
    );
    expect(lines[2].startsWith(`${first.at.toISOString()},${app.name},${userName},user,create,retrying,503,`)).toBe(true);
    expect(text).not.toContain("secret-token-never-shown");
  });
});
