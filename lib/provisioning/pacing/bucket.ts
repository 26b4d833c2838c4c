// Token bucket arithmetic, kept pure so the claim (under a row lock) and the queue ETA share it.
import { claimBurst, type PacingLimits } from "./limits";

/** A bucket as stored (PacingBucket). */
export type BucketState = { tokens: number; refilledAt: Date; pausedUntil: Date | null };

/** A full bucket, as a new app starts. */
export function fullBucket(limits: PacingLimits, now: Date): BucketState {
  return { tokens: claimBurst(limits), refilledAt: now, pausedUntil: null };
}

/** Tokens available at `now`: refilled at perMinute since refilledAt, capped at the claim burst. */
export function tokensAt(state: BucketState, limits: PacingLimits, now: Date): number {
  const elapsed = Math.max(0, now.getTime() - state.refilledAt.getTime());
  return Math.min(claimBurst(limits), state.tokens + (elapsed * limits.perMinute) / 60_000);
}

/** Milliseconds until `wanted` tokens are there (0 when they are). */
export function msUntilTokens(tokens: number, wanted: number, limits: PacingLimits): number {
  if (tokens >= wanted) return 0;
  return Math.ceil(((wanted - tokens) * 60_000) / limits.perMinute);
}

/** Takes up to `wanted` whole tokens: how many were granted and the bucket afterwards. */
export function take(state: BucketState, limits: PacingLimits, wanted: number, now: Date): { granted: number; next: BucketState } {
  const available = tokensAt(state, limits, now);
  const paused = state.pausedUntil !== null && state.pausedUntil > now;
  const granted = paused ? 0 : Math.max(0, Math.min(wanted, Math.floor(available)));
  return { granted, next: { tokens: available - granted, refilledAt: now, pausedUntil: paused ? state.pausedUntil : null } };
}
