import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { reasonForStatus, type ScimErrorReason } from "@/lib/scim/errors";
import { headingSlug, RUNBOOK_SECTIONS, runbookHref, type RunbookInput } from "./sections";

describe("runbookHref", () => {
  const cases: [string, RunbookInput, string | null][] = [
    ["a success explains nothing", { outcome: "success", httpStatus: 201 }, null],
    ["nothing known explains nothing", {}, null],
    ["HTTP 401", { outcome: "failed", httpStatus: 401 }, "/runbook#unauthorized-or-forbidden"],
    ["HTTP 403", { outcome: "failed", httpStatus: 403 }, "/runbook#unauthorized-or-forbidden"],
    ["HTTP 404", { outcome: "failed", httpStatus: 404 }, "/runbook#not-found-wrong-base-path"],
    ["HTTP 410", { outcome: "failed", httpStatus: 410 }, "/runbook#not-found-wrong-base-path"],
    ["HTTP 409", { outcome: "failed", httpStatus: 409 }, "/runbook#conflicts"],
    ["HTTP 412", { outcome: "retrying", httpStatus: 412 }, "/runbook#conflicts"],
    ["HTTP 400", { outcome: "failed", httpStatus: 400 }, "/runbook#invalid-attribute-values"],
    ["HTTP 429", { outcome: "retrying", httpStatus: 429 }, "/runbook#rate-limiting"],
    ["HTTP 408", { outcome: "retrying", httpStatus: 408 }, "/runbook#unreachable-app"],
    ["HTTP 500", { outcome: "retrying", httpStatus: 500 }, "/runbook#app-server-errors"],
    ["HTTP 503", { outcome: "failed", httpStatus: 503 }, "/runbook#app-server-errors"],
    ["scimType uniqueness with a 400", { httpStatus: 400, scimType: "uniqueness" }, "/runbook#conflicts"],
    ["scimType invalidValue", { httpStatus: 400, scimType: "invalidValue" }, "/runbook#invalid-attribute-values"],
    ["scimType mutability", { httpStatus: 400, scimType: "mutability" }, "/runbook#invalid-attribute-values"],
    ["scimType noTarget", { scimType: "noTarget" }, "/runbook#invalid-attribute-values"],
    ["reason network", { reason: "network" }, "/runbook#unreachable-app"],
    ["reason tls", { reason: "tls" }, "/runbook#unreachable-app"],
    ["reason timeout", { reason: "timeout" }, "/runbook#unreachable-app"],
    ["reason invalid-url", { reason: "invalid-url" }, "/runbook#unreachable-app"],
    ["reason unauthorized (Verify Credentials)", { reason: "unauthorized", httpStatus: 401 }, "/runbook#invalid-credentials"],
    ["reason forbidden", { reason: "forbidden" }, "/runbook#unauthorized-or-forbidden"],
    ["reason invalid-response", { reason: "invalid-response" }, "/runbook#not-found-wrong-base-path"],
    ["reason rate-limited beats the status", { reason: "rate-limited", httpStatus: 200 }, "/runbook#rate-limiting"],
    ["reason not-implemented", { reason: "not-implemented" }, "/runbook#app-server-errors"],
    ["app health quarantined", { reason: "quarantined" }, "/runbook#quarantine"],
    ["app health reconnect_needed", { reason: "reconnect_needed" }, "/runbook#reconnect-needed"],
    ["approval expired", { reason: "approval_expired" }, "/runbook#approvals"],
    ["outcome pending_approval", { outcome: "pending_approval" }, "/runbook#approvals"],
    ["outcome denied", { outcome: "denied", message: "Denied by ann@example.com" }, "/runbook#approvals"],
    ["skipped while quarantined", { outcome: "skipped", message: "App is quarantined" }, "/runbook#quarantine"],
    ["held by the brake", { outcome: "skipped", message: "Held by the mass-change brake" }, "/runbook#brake-holds"],
    ["a failed Sync now", { outcome: "failed", message: "Sync now failed: 3 conflicts" }, "/runbook#failed-syncs"],
    ["an unreachable app by message", { outcome: "retrying", message: "Could not reach the app at x.test" }, "/runbook#unreachable-app"],
    ["an unknown message explains nothing", { outcome: "failed", message: "Something odd" }, null],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    expect(runbookHref(input)).toBe(expected);
  });

  it("links every reason the SCIM client can give to a section", () => {
    const reasons: ScimErrorReason[] = [
      "invalid-url", "network", "tls", "timeout", "unauthorized", "forbidden", "not-found", "uniqueness",
      "invalid-request", "precondition-failed", "rate-limited", "server", "not-implemented", "invalid-response",
    ];
    for (const reason of reasons) expect(runbookHref({ reason, outcome: "failed" }), reason).not.toBeNull();
  });

  it("links every error status the SCIM client classifies to a section", () => {
    for (const status of [400, 401, 403, 404, 405, 408, 409, 410, 412, 413, 422, 429, 500, 501, 502, 503, 504]) {
      const href = runbookHref({ httpStatus: status, outcome: "failed" }) ?? runbookHref({ reason: reasonForStatus(status) });
      expect(href, String(status)).not.toBeNull();
    }
  });
});

describe("RUNBOOK_SECTIONS", () => {
  const markdown = readFileSync(path.join(process.cwd(), "docs/runbook.md"), "utf8");
  const headings = [...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1].trim());

  it("every section is a heading of docs/runbook.md whose anchor is the section id", () => {
    for (const section of RUNBOOK_SECTIONS) {
      expect(headings, section.title).toContain(section.title);
      expect(headingSlug(section.title)).toBe(section.id);
    }
  });

  it("slugs headings the way GitHub does for plain text", () => {
    expect(headingSlug("Not found (wrong base path)")).toBe("not-found-wrong-base-path");
    expect(headingSlug("  Rate limiting ")).toBe("rate-limiting");
    expect(headingSlug("Zoë's app: 5xx")).toBe("zoës-app-5xx");
  });
});
