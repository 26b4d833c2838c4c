import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeAdmin, unique } from "@/test/factories";
import { OAuthFlowError } from "./errors";
import { consumeOAuthState, createOAuthState } from "./state-store";

async function arrange(codeVerifier?: string) {
  const admin = await makeAdmin("admin");
  const name = unique("State ");
  const app = await db.app.create({ data: { name, nameKey: name.toLowerCase(), kind: "scim", baseUrl: "https://app.example.com/scim/v2" } });
  const state = await createOAuthState({ appId: app.id, adminId: admin.id, flow: "oauth2", redirectUri: "https://console.example.com/api/oauth/callback", codeVerifier });
  return { admin, app, state };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (error instanceof OAuthFlowError) return error.code;
  throw new Error(`expected an OAuthFlowError, got ${String(error)}`);
}

describe("OAuth state store", () => {
  it("stores only a hash and the encrypted verifier, and gives them back once", async () => {
    const { admin, app, state } = await arrange("verifier-value-123");
    const row = await db.oAuthState.findFirstOrThrow({ where: { appId: app.id } });
    expect(row.stateHash).not.toContain(state);
    expect(row.codeVerifierEnc).not.toContain("verifier-value-123");
    expect(await consumeOAuthState(state, admin.id)).toEqual({ appId: app.id, flow: "oauth2", redirectUri: "https://console.example.com/api/oauth/callback", codeVerifier: "verifier-value-123" });
    expect(await codeOf(consumeOAuthState(state, admin.id))).toBe("state_invalid");
  });

  it("two callbacks racing with the same state have exactly one winner", async () => {
    const { admin, state } = await arrange();
    const outcomes = await Promise.allSettled([consumeOAuthState(state, admin.id), consumeOAuthState(state, admin.id), consumeOAuthState(state, admin.id)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
  });

  it("a missing, foreign or expired state is refused", async () => {
    const { admin, app, state } = await arrange();
    const other = await makeAdmin("admin");
    expect(await codeOf(consumeOAuthState(null, admin.id))).toBe("state_missing");
    expect(await codeOf(consumeOAuthState(state, other.id))).toBe("state_invalid");
    await db.oAuthState.updateMany({ where: { appId: app.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await codeOf(consumeOAuthState(state, admin.id))).toBe("state_expired");
  });
});
