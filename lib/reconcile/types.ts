// What one reconciliation reports; shared by the run, its page and tests.

/** Counts of one run ("Sync now"): what it did and what it found. */
export type RunSummary = {
  /** Existing accounts linked to directory users. */
  linked: number;
  /** In-scope users missing in the app: create jobs queued. */
  created: number;
  /** Accounts whose attributes drifted: update jobs queued. */
  repaired: number;
  /** Directory users who took the app's value for an adopted attribute. */
  adopted: number;
  /** Ambiguous matches left for an admin (conflicts list). */
  conflicts: number;
  /** Linked accounts that already match. */
  unchanged: number;
  /** Accounts in the app of people the app's policies do not grant it to. */
  outOfScope: number;
  /** Accounts in the app that match nobody in the directory. */
  unmatched: number;
  /** Pushed groups whose name or members had drifted in the app. */
  groupsRepaired: number;
};

export const EMPTY_SUMMARY: RunSummary = { linked: 0, created: 0, repaired: 0, adopted: 0, conflicts: 0, unchanged: 0, outOfScope: 0, unmatched: 0, groupsRepaired: 0 };

/** Labels for the summary line (singular, plural), in the order the page shows them. */
export const SUMMARY_LABELS: [keyof RunSummary, string, string][] = [
  ["linked", "linked", "linked"],
  ["created", "to create", "to create"],
  ["repaired", "repaired", "repaired"],
  ["adopted", "adopted", "adopted"],
  ["conflicts", "conflict", "conflicts"],
  ["unchanged", "unchanged", "unchanged"],
  ["outOfScope", "out of scope", "out of scope"],
  ["unmatched", "not in the directory", "not in the directory"],
  ["groupsRepaired", "group repaired", "groups repaired"],
];

/** One run as the Sync tab lists it. */
export type RunRow = {
  id: string;
  triggeredBy: string;
  status: string;
  total: number;
  processed: number;
  summary: RunSummary;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
};

/** One conflict row of the conflicts list. */
export type ConflictRow = {
  id: string;
  userId: string | null;
  userLabel: string;
  reason: string;
  candidates: { id: string; userName: string; emails: string[]; displayName: string | null; active: boolean }[];
  status: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
  createdAt: string;
};
