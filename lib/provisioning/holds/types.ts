// Shapes the holds pages show: a held change and the users it affects. No secrets, plain values.

/** One change held by the mass-change brake. */
export type HoldSummary = {
  id: string;
  appId: string;
  appName: string;
  summary: string;
  operationCount: number;
  threshold: number;
  /** Jobs still waiting on the hold (creates and updates of the same change included). */
  jobCount: number;
  causedBy: string;
  status: string;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
};

/** One job of a held change: who it affects and what it would do. */
export type HeldJobRow = { id: string; subjectId: string; subjectLabel: string; displayName: string | null; operation: string; status: string };

export const HELD_JOB_SORT_KEYS = ["subjectLabel", "operation"] as const;
export type HeldJobSortKey = (typeof HELD_JOB_SORT_KEYS)[number];
