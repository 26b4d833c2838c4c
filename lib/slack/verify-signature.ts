import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack's window for X-Slack-Request-Timestamp, either side of now (replays of older bodies fail). */
export const SIGNATURE_WINDOW_S = 300;

/** Why a request was refused; logged, never sent back to the caller. */
export type SignatureCheck = { ok: true } | { ok: false; reason: "missing_headers" | "bad_timestamp" | "stale_timestamp" | "bad_signature" };

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{rawBody}` under the signing secret. */
export function slackSignature(signingSecret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${rawBody}`, "utf8").digest("hex")}`;
}

/**
 * Verifies a request from Slack over the raw, unparsed body: timestamp within 5 minutes of `nowMs`,
 * then the v0 signature compared in constant time (after a length check, which timingSafeEqual needs).
 */
export function verifySlackSignature(input: {
  signingSecret: string;
  timestamp: string | null;
  signature: string | null;
  rawBody: string;
  nowMs?: number;
}): SignatureCheck {
  const { signingSecret, timestamp, signature, rawBody } = input;
  if (!timestamp || !signature) return { ok: false, reason: "missing_headers" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "bad_timestamp" };
  const nowS = Math.floor((input.nowMs ?? Date.now()) / 1000);
  if (Math.abs(nowS - Number(timestamp)) > SIGNATURE_WINDOW_S) return { ok: false, reason: "stale_timestamp" };
  const expected = Buffer.from(slackSignature(signingSecret, timestamp, rawBody), "utf8");
  const given = Buffer.from(signature, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  return { ok: true };
}
