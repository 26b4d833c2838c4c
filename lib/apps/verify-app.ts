import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { decryptSecret } from "@/lib/crypto";
import { DomainError } from "@/lib/errors";
import { oauthAccessToken } from "@/lib/oauth/token-source";
import { checkConnection, loadApp, NO_CREDENTIALS, readToken, saveCheck } from "./shared";
import type { VerifyOutcome } from "./types";

/** Verify Credentials: calls the app with the stored token and stores capabilities, health and the message. */
export async function verifyApp(appId: string): Promise<VerifyOutcome> {
  const actor = await requirePermission("apps:connect");
  const app = await loadApp(db, appId);
  let token = readToken(app.credentialsEnc);
  if (!token) throw new DomainError(NO_CREDENTIALS);
  if (decryptSecret<{ oauth?: unknown }>(app.credentialsEnc ?? "").oauth === true) {
    // An OAuth token may have expired since the last job: verify with a fresh one, as the worker would.
    try {
      token = (await oauthAccessToken(app.id)).token;
    } catch (error) {
      throw new DomainError(error instanceof Error ? error.message : "The app's OAuth token could not be refreshed. Click Reconnect on the app page.");
    }
  }
  const check = await checkConnection(app.baseUrl, token);
  await db.$transaction(async (tx) => {
    const current = await loadApp(tx, app.id);
    await saveCheck(tx, current, check);
    await writeAudit(tx, actor, {
      action: "app.verify",
      targetType: "app",
      targetId: current.id,
      targetLabel: current.name,
      before: { health: current.health, healthMessage: current.healthMessage },
      after: { health: check.health, healthMessage: check.healthMessage },
    });
  });
  return { ...check, verifiedAt: check.verifiedAt.toISOString() };
}
