import { describe, expect, it } from "vitest";
import { slackSignature, verifySlackSignature } from "./verify-signature";

// Slack's published example (reference/slack.md, "Verifying requests from Slack").
const VECTOR = {
  secret: "8f742231b10e8888abcd99yyyzzz85a5",
  timestamp: "1531420618",
  body: "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
  signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
};
const atVector = Number(VECTOR.timestamp) * 1000;

describe("Slack request signatures", () => {
  it("computes Slack's published example signature", () => {
    expect(slackSignature(VECTOR.secret, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
  });

  it("accepts Slack's published example at its own time", () => {
    expect(verifySlackSignature({ signingSecret: VECTOR.secret, timestamp: VECTOR.timestamp, signature: VECTOR.signature, rawBody: VECTOR.body, nowMs: atVector })).toEqual({ ok: true });
  });

  const base = { signingSecret: VECTOR.secret, timestamp: VECTOR.timestamp, signature: VECTOR.signature, rawBody: VECTOR.body, nowMs: atVector };
  it.each([
    ["a changed body", { rawBody: `${VECTOR.body}&x=1` }, "bad_signature"],
    ["another secret", { signingSecret: "0000000000000000abcd99yyyzzz85a5" }, "bad_signature"],
    ["a truncated signature", { signature: VECTOR.signature.slice(0, -2) }, "bad_signature"],
    ["a v1 signature", { signature: VECTOR.signature.replace("v0=", "v1=") }, "bad_signature"],
    ["no timestamp", { timestamp: null }, "missing_headers"],
    ["no signature", { signature: null }, "missing_headers"],
    ["a non-numeric timestamp", { timestamp: "1531420618abc" }, "bad_timestamp"],
    ["the same body replayed 301 s later", { nowMs: atVector + 301_000 }, "stale_timestamp"],
    ["a timestamp 301 s in the future", { nowMs: atVector - 301_000 }, "stale_timestamp"],
  ] as const)("refuses %s", (_name, change, reason) => {
    expect(verifySlackSignature({ ...base, ...change })).toEqual({ ok: false, reason });
  });

  it("accepts a timestamp at the edge of the 5-minute window", () => {
    expect(verifySlackSignature({ ...base, nowMs: atVector + 300_000 }).ok).toBe(true);
    expect(verifySlackSignature({ ...base, nowMs: atVector - 300_000 }).ok).toBe(true);
  });
});
