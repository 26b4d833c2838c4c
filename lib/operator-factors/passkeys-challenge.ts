import "server-only";
import { db } from "@/lib/db";
import type { RelyingParty } from "./passkeys-relying-party";

/** A passkey ceremony must complete within this long of its options. */
export const PASSKEY_CHALLENGE_SECONDS = 5 * 60;

export type PasskeyPurpose = "passkey-register" | "passkey-sign-in" | "passkey-second-factor";
const PURPOSES: PasskeyPurpose[] = ["passkey-register", "passkey-sign-in", "passkey-second-factor"];

/** A challenge taken for verification, with the relying party its options were made for. */
export type TakenChallenge = { challenge: string; rpID: string; origin: string; adminId: string | null; sessionId: string | null };

/**
 * Stores the challenge of a ceremony's options and returns its row id. Expired passkey challenges
 * are deleted on the way, so abandoned ceremonies do not pile up.
 */
export async function storeChallenge(
  input: { purpose: PasskeyPurpose; challenge: string; rp: RelyingParty; adminId?: string | null; sessionId?: string | null },
  now = new Date(),
): Promise<string> {
  await db.authChallenge.deleteMany({ where: { purpose: { in: PURPOSES }, expiresAt: { lte: now } } });
  const row = await db.authChallenge.create({
    data: {
      purpose: input.purpose,
      challenge: input.challenge,
      data: JSON.stringify({ rpID: input.rp.id, origin: input.rp.origin }),
      adminId: input.adminId ?? null,
      sessionId: input.sessionId ?? null,
      expiresAt: new Date(now.getTime() + PASSKEY_CHALLENGE_SECONDS * 1000),
    },
  });
  return row.id;
}

/**
 * Takes a challenge once: the row is deleted whether or not it is still valid, and only the caller
 * whose delete removed it gets it back, so two requests with the same response cannot both verify.
 * Null when there is no such challenge, it was already taken, or it has expired.
 */
export async function takeChallenge(
  purpose: PasskeyPurpose,
  where: { id: string } | { challenge: string; adminId?: string; sessionId?: string },
  now = new Date(),
): Promise<TakenChallenge | null> {
  const row = await db.authChallenge.findFirst({ where: { ...where, purpose } });
  if (!row) return null;
  const deleted = await db.authChallenge.deleteMany({ where: { id: row.id } });
  if (deleted.count !== 1 || row.expiresAt.getTime() <= now.getTime()) return null;
  const data = JSON.parse(row.data) as { rpID?: unknown; origin?: unknown };
  if (typeof data.rpID !== "string" || typeof data.origin !== "string") return null;
  return { challenge: row.challenge, rpID: data.rpID, origin: data.origin, adminId: row.adminId, sessionId: row.sessionId };
}

/** The challenge a WebAuthn response signed (from its clientDataJSON), or null when unreadable. */
export function challengeOfResponse(clientDataJSON: string): string | null {
  try {
    const clientData = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")) as { challenge?: unknown };
    return typeof clientData.challenge === "string" && clientData.challenge.length <= 200 ? clientData.challenge : null;
  } catch {
    return null;
  }
}
