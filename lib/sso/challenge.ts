import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { SsoRefusal } from "./errors";

/** How long a started single sign-on stays valid. */
export const SSO_CHALLENGE_TTL_MS = 10 * 60_000;
export const SSO_PURPOSE = "sso";

/** What one sign-in attempt must match when the provider sends the browser back. */
export type SsoChallenge = { state: string; nonce: string; codeVerifier: string; issuer: string; next: string };

const hashState = (state: string) => createHash("sha256").update(state).digest("hex");

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Stores a started sign-in: the state only as its hash, the nonce and PKCE verifier encrypted. Returns
 * the row id, which the browser keeps in a short-lived cookie: the callback must come back to it.
 */
export async function createSsoChallenge(challenge: SsoChallenge, now = new Date()): Promise<{ id: string; expiresAt: Date }> {
  // Abandoned attempts are useless after their expiry; clearing them here keeps the table small without a job.
  await db.authChallenge.deleteMany({ where: { purpose: SSO_PURPOSE, expiresAt: { lt: now } } });
  const expiresAt = new Date(now.getTime() + SSO_CHALLENGE_TTL_MS);
  const row = await db.authChallenge.create({
    data: {
      purpose: SSO_PURPOSE,
      challenge: hashState(challenge.state),
      data: JSON.stringify({ next: challenge.next, sealed: encryptSecret({ nonce: challenge.nonce, codeVerifier: challenge.codeVerifier, issuer: challenge.issuer }) }),
      expiresAt,
    },
  });
  return { id: row.id, expiresAt };
}

/**
 * Takes a started sign-in exactly once. The state in the provider's answer must be the one stored in
 * the row the browser's cookie names: a state that was never issued, belongs to another browser, was
 * already used or has expired is one refusal ("state"). The delete decides between racing callbacks.
 */
export async function takeSsoChallenge(state: string | null, challengeId: string | undefined, now = new Date()): Promise<SsoChallenge> {
  if (!state || !challengeId) throw new SsoRefusal("state");
  const row = await db.authChallenge.findUnique({ where: { id: challengeId } });
  if (!row || row.purpose !== SSO_PURPOSE || !sameHash(row.challenge, hashState(state))) throw new SsoRefusal("state");
  const taken = await db.authChallenge.deleteMany({ where: { id: row.id, purpose: SSO_PURPOSE } });
  if (taken.count !== 1 || row.expiresAt.getTime() <= now.getTime()) throw new SsoRefusal("state");
  try {
    const data = JSON.parse(row.data) as { next?: unknown; sealed?: unknown };
    const sealed = decryptSecret<{ nonce: string; codeVerifier: string; issuer: string }>(String(data.sealed));
    return { state, nonce: sealed.nonce, codeVerifier: sealed.codeVerifier, issuer: sealed.issuer, next: typeof data.next === "string" ? data.next : "/users" };
  } catch {
    throw new SsoRefusal("state");
  }
}
