"use client";

/** Placeholder: "Sign in with a passkey" (filled in with the passkey work). */
export function PasskeySignIn(_props: { next?: string }) {
  return null;
}
