import type { AppKind } from "../types";

/** An app's pacing: writes per minute, burst (bucket size) and requests in flight at once. */
export type PacingLimits = { perMinute: number; burst: number; maxConcurrency: number };

/** The App columns pacing reads; null means the kind's default. */
export type PacingColumns = { kind: string; rateLimitPerMinute: number | null; rateLimitBurst: number | null; maxConcurrency: number | null };

/**
 * Defaults per kind. Slack: its published SCIM limit on writes to /Users (180 per minute, burst 20),
 * the tightest set a provisioning job meets (reference/slack.md); 4 in flight keeps its "one write per
 * user at a time" rule far away. Generic SCIM apps publish nothing: 600 per minute (10 per second) with
 * a burst of 100 and 8 in flight is what common SaaS SCIM endpoints accept without throttling, and an
 * admin raises it for an app known to take more.
 */
export const KIND_DEFAULTS: Record<AppKind, PacingLimits> = {
  slack: { perMinute: 180, burst: 20, maxConcurrency: 4 },
  scim: { perMinute: 600, burst: 100, maxConcurrency: 8 },
};

/** Bounds the form accepts (zod) and the engine assumes. */
export const PACING_BOUNDS = {
  perMinute: { min: 1, max: 600_000 },
  burst: { min: 1, max: 100_000 },
  maxConcurrency: { min: 1, max: 256 },
} as const;

/** The kind's defaults; an unknown kind counts as generic SCIM. */
export function kindDefaults(kind: string): PacingLimits {
  return kind === "slack" ? KIND_DEFAULTS.slack : KIND_DEFAULTS.scim;
}

/** The limits the engine applies to an app: its own values where set, the kind's defaults elsewhere. */
export function effectiveLimits(app: PacingColumns): PacingLimits {
  const d = kindDefaults(app.kind);
  return {
    perMinute: app.rateLimitPerMinute ?? d.perMinute,
    burst: app.rateLimitBurst ?? d.burst,
    maxConcurrency: app.maxConcurrency ?? d.maxConcurrency,
  };
}

/**
 * The bucket size the claim uses: the burst minus a tenth kept in reserve. Tokens are taken when a job is
 * claimed and its write reaches the app a little later; the reserve absorbs that jitter so the app's own
 * bucket (refilled at the same rate) does not run dry and answer 429.
 */
export function claimBurst(limits: PacingLimits): number {
  return Math.max(1, limits.burst - Math.ceil(limits.burst / 10));
}
