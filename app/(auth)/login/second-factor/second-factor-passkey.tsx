"use client";

/** Placeholder: the passkey option of the second-factor step (filled in with the passkey work). */
export function SecondFactorPasskey(_props: { next?: string }) {
  return null;
}
