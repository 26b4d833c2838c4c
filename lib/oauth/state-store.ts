import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { OAuthFlowError } from "./errors";

/** How long a started connect attempt stays valid. */
export const STATE_TTL_MS = 10 * 60_000;

function hashState(state: string): string {
  return createHash("sha256").update(state).digest("hex");
}

/** Stores a new single-use state for the admin and returns the value to send to the provider. */
export async function createOAuthState(input: { appId: string; adminId: string; flow: "slack" | "oauth2"; redirectUri: string; codeVerifier?: string }): Promise<string> {
  const state = randomBytes(32).toString("base64url");
  const now = Date.now();
  // Old attempts are useless after their expiry; clearing them here keeps the table small without a job.
  await db.oAuthState.deleteMany({ where: { expiresAt: { lt: new Date(now - STATE_TTL_MS) } } });
  await db.oAuthState.create({
    data: {
      stateHash: hashState(state),
      appId: input.appId,
      adminId: input.adminId,
      flow: input.flow,
      redirectUri: input.redirectUri,
      codeVerifierEnc: input.codeVerifier ? encryptSecret({ verifier: input.codeVerifier }) : null,
      expiresAt: new Date(now + STATE_TTL_MS),
    },
  });
  return state;
}

/** What a consumed state carries into the code exchange. */
export type ConsumedState = { appId: string; flow: "slack" | "oauth2"; redirectUri: string; codeVerifier: string | null };

/**
 * Uses a state exactly once, for the admin who started it. Unknown, reused and foreign states are one
 * answer (state_invalid) so a probe learns nothing; the conditional update makes two racing callbacks
 * with the same state end with one winner.
 */
export async function consumeOAuthState(state: string | null, adminId: string): Promise<ConsumedState> {
  if (!state) throw new OAuthFlowError("state_missing");
  const row = await db.oAuthState.findUnique({ where: { stateHash: hashState(state) } });
  if (!row || row.adminId !== adminId || row.usedAt) throw new OAuthFlowError("state_invalid");
  const claimed = await db.oAuthState.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
  if (claimed.count !== 1) throw new OAuthFlowError("state_invalid");
  if (row.expiresAt.getTime() < Date.now()) throw new OAuthFlowError("state_expired");
  let codeVerifier: string | null = null;
  if (row.codeVerifierEnc) codeVerifier = decryptSecret<{ verifier: string }>(row.codeVerifierEnc).verifier;
  return { appId: row.appId, flow: row.flow === "slack" ? "slack" : "oauth2", redirectUri: row.redirectUri, codeVerifier };
}

/** The app a state belongs to, without using it: lets a failed callback still land on the right app page. */
export async function peekOAuthStateApp(state: string | null, adminId: string): Promise<string | null> {
  if (!state) return null;
  const row = await db.oAuthState.findUnique({ where: { stateHash: hashState(state) }, select: { appId: true, adminId: true } });
  return row && row.adminId === adminId ? row.appId : null;
}
