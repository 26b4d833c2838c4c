// Plain-language cause and next step for an event, keyed by the runbook section that explains it.
import { runbookHref, runbookSection, type RunbookSectionId } from "@/lib/runbook/sections";

// Partial so a section the runbook adds later still links, with the generic wording.
const EXPLANATIONS: Partial<Record<RunbookSectionId, { cause: string; next: string }>> = {
  "invalid-credentials": { cause: "The app rejected the console's credentials.", next: "Reconnect the app with a valid token on its page, then Retry." },
  "unreachable-app": { cause: "The console could not reach the app (network, DNS, TLS or timeout).", next: "Check the app's base URL and that it is up, then Retry." },
  "unauthorized-or-forbidden": { cause: "The app refused the request (401/403): the token lacks access or has expired.", next: "Give the token the SCIM scopes the app needs or reconnect, then Retry." },
  "not-found-wrong-base-path": { cause: "The app answered 404: the SCIM base path or the remote account does not exist.", next: "Check the base URL ends at the SCIM root (…/scim/v2) and Verify the connection." },
  conflicts: { cause: "The app already has an account with this userName or email (409).", next: "Link or remove the duplicate account in the app, then Retry." },
  "invalid-attribute-values": { cause: "The app rejected one or more attribute values (400).", next: "Fix the user's values or the app's attribute mapping, then Retry." },
  "rate-limiting": { cause: "The app asked the console to slow down (429).", next: "Nothing to do: the worker retries after the wait; lower the app's pacing if it keeps happening." },
  "app-server-errors": { cause: "The app failed on its side (5xx).", next: "Check the app's status; the worker retries, and Retry works once it recovers." },
  quarantine: { cause: "The app is quarantined after repeated failures; its work waits in the queue.", next: "Fix the cause shown on the app's page and release the quarantine." },
  "reconnect-needed": { cause: "The app's OAuth connection needs to be renewed.", next: "Reconnect the app on its page; queued work then resumes." },
  "failed-syncs": { cause: "A sync with the app failed or found a conflict.", next: "Open the app's Sync tab, resolve the conflict and run Sync now." },
  approvals: { cause: "The change needs an approver's decision, or an approver denied it.", next: "See the approval request; a denied change is not applied." },
  "brake-holds": { cause: "The mass-change brake is holding this change.", next: "An admin releases or cancels the hold on the app's page." },
};

/** Why an event happened and what to do next, with the runbook link; null for successes. */
export function explainEvent(input: { outcome: string; httpStatus: number | null; scimType: string | null; message: string }): {
  cause: string;
  next: string;
  href: string | null;
} | null {
  if (input.outcome === "success") return null;
  if (input.outcome === "skipped") return { cause: "Nothing needed to change in the app.", next: "No action needed.", href: null };
  const section = runbookSection(input);
  if (!section) return { cause: input.message, next: "Open the runbook for the general troubleshooting steps.", href: "/runbook" };
  const known = EXPLANATIONS[section] ?? { cause: input.message, next: "Follow the runbook section linked here." };
  return { ...known, href: runbookHref(input) };
}
