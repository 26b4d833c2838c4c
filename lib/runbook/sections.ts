// The runbook's sections (docs/runbook.md) and the mapping from a failure to the section that explains it.
// Each id is the anchor the runbook page (and GitHub) derives from the section's heading, so a link from the
// report lands on the section; sections.test.ts checks that every title is a heading of docs/runbook.md.

/** Every runbook section, in the order docs/runbook.md lists them. */
export const RUNBOOK_SECTIONS = [
  { id: "invalid-credentials", title: "Invalid credentials" },
  { id: "unreachable-app", title: "Unreachable app" },
  { id: "unauthorized-or-forbidden", title: "Unauthorized or forbidden" },
  { id: "not-found-wrong-base-path", title: "Not found (wrong base path)" },
  { id: "conflicts", title: "Conflicts" },
  { id: "invalid-attribute-values", title: "Invalid attribute values" },
  { id: "rate-limiting", title: "Rate limiting" },
  { id: "app-server-errors", title: "App server errors" },
  { id: "quarantine", title: "Quarantine" },
  { id: "reconnect-needed", title: "Reconnect needed" },
  { id: "failed-syncs", title: "Failed syncs" },
  { id: "approvals", title: "Approvals" },
  { id: "brake-holds", title: "Brake holds" },
  { id: "sign-in-and-second-factors", title: "Sign-in and second factors" },
] as const;

/** A runbook section id. */
export type RunbookSectionId = (typeof RUNBOOK_SECTIONS)[number]["id"];

/** What is known about a failure: an event's columns, the SCIM client's reason, or the app's health. */
export type RunbookInput = {
  httpStatus?: number | null;
  scimType?: string | null;
  message?: string | null;
  outcome?: string | null;
  reason?: string | null;
};

/** The console path of the runbook page. */
export const RUNBOOK_PATH = "/runbook";

// The SCIM client's reasons (lib/scim/errors.ts) plus the console's own states (app health, gates).
// Keys are normalised to dashes so `reconnect_needed` and `reconnect-needed` both match.
const REASON_SECTIONS: Record<string, RunbookSectionId> = {
  "invalid-url": "unreachable-app",
  network: "unreachable-app",
  tls: "unreachable-app",
  timeout: "unreachable-app",
  unauthorized: "invalid-credentials",
  "invalid-credentials": "invalid-credentials",
  forbidden: "unauthorized-or-forbidden",
  "not-found": "not-found-wrong-base-path",
  "invalid-response": "not-found-wrong-base-path",
  uniqueness: "conflicts",
  "precondition-failed": "conflicts",
  "invalid-request": "invalid-attribute-values",
  "rate-limited": "rate-limiting",
  server: "app-server-errors",
  "not-implemented": "app-server-errors",
  quarantined: "quarantine",
  quarantine: "quarantine",
  "reconnect-needed": "reconnect-needed",
  "sync-failed": "failed-syncs",
  "sync-conflict": "failed-syncs",
  conflict: "failed-syncs",
  "pending-approval": "approvals",
  "approval-pending": "approvals",
  "approval-denied": "approvals",
  "approval-expired": "approvals",
  denied: "approvals",
  expired: "approvals",
  held: "brake-holds",
  hold: "brake-holds",
  brake: "brake-holds",
  "brake-hold": "brake-holds",
};

// SCIM error types (RFC 7644 §3.12) that mean "fix the values or the mapping".
const SCIM_TYPE_SECTIONS: Record<string, RunbookSectionId> = {
  uniqueness: "conflicts",
  invalidvalue: "invalid-attribute-values",
  invalidsyntax: "invalid-attribute-values",
  invalidpath: "invalid-attribute-values",
  invalidfilter: "invalid-attribute-values",
  notarget: "invalid-attribute-values",
  mutability: "invalid-attribute-values",
  toomany: "invalid-attribute-values",
  sensitive: "invalid-attribute-values",
  invalidvers: "conflicts",
};

// Last resort for rows that carry only a message (gate decisions, health changes); the first match wins.
const MESSAGE_SECTIONS: [RegExp, RunbookSectionId][] = [
  [/quarantin/i, "quarantine"],
  [/reconnect/i, "reconnect-needed"],
  [/approv/i, "approvals"],
  [/\bbrake\b|\bheld\b|\bhold\b/i, "brake-holds"],
  [/sync now|\bsync conflict|reconcil/i, "failed-syncs"],
  [/rate.?limit|too many requests/i, "rate-limiting"],
  [/credential|\btoken\b/i, "invalid-credentials"],
  [/could not reach|timed? ?out|did not answer|secure connection|certificate/i, "unreachable-app"],
];

/** The runbook section for a status code alone, or null when the status says nothing specific. */
function sectionForStatus(status: number): RunbookSectionId | null {
  if (status === 401 || status === 403) return "unauthorized-or-forbidden";
  if (status === 404 || status === 410) return "not-found-wrong-base-path";
  if (status === 409 || status === 412) return "conflicts";
  if (status === 429) return "rate-limiting";
  if (status === 408) return "unreachable-app";
  if (status === 400 || status === 413 || status === 422) return "invalid-attribute-values";
  if (status >= 500 && status <= 599) return "app-server-errors";
  return null;
}

/** The runbook section that explains a failure, or null when there is nothing to explain. */
export function runbookSection(input: RunbookInput): RunbookSectionId | null {
  const outcome = input.outcome?.trim().toLowerCase().replace(/_/g, "-");
  if (outcome === "success") return null;
  if (outcome === "pending-approval" || outcome === "denied") return "approvals";
  const reason = input.reason?.trim().toLowerCase().replace(/_/g, "-");
  if (reason && REASON_SECTIONS[reason]) return REASON_SECTIONS[reason];
  const scimType = input.scimType?.trim().toLowerCase();
  if (scimType && SCIM_TYPE_SECTIONS[scimType]) return SCIM_TYPE_SECTIONS[scimType];
  if (typeof input.httpStatus === "number" && Number.isInteger(input.httpStatus)) {
    const byStatus = sectionForStatus(input.httpStatus);
    if (byStatus) return byStatus;
  }
  const message = input.message ?? "";
  for (const [pattern, section] of MESSAGE_SECTIONS) if (pattern.test(message)) return section;
  return null;
}

/** The runbook link for a failure, e.g. `/runbook#rate-limiting`, or null when there is nothing to explain. */
export function runbookHref(input: RunbookInput): string | null {
  const section = runbookSection(input);
  return section ? `${RUNBOOK_PATH}#${section}` : null;
}

/** The anchor of a heading: lower case, punctuation dropped, spaces to dashes (GitHub's rule for plain text). */
export function headingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}
