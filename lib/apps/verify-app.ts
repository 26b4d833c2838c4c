import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { checkConnection, loadApp, NO_CREDENTIALS, readToken } from "./shared";
import type { VerifyOutcome } from "./types";

/** Verify Credentials: calls the app with the stored token and stores capabilities, health and the message. */
export async function verifyApp(appId: string): Promise<VerifyOutcome> {
  const actor = await requirePermission("apps:connect");
  const app = await loadApp(db, appId);
  const token = readToken(app.credentialsEnc);
  if (!token) throw new DomainError(NO_CREDENTIALS);
  const check = await checkConnection(app.baseUrl, token);
  await db.$transaction(async (tx) => {
    const current = await loadApp(tx, app.id);
    await tx.app.update({
      where: { id: current.id },
      data: {
        capabilities: check.capabilities ? JSON.stringify(check.capabilities) : null,
        health: check.health,
        healthMessage: check.healthMessage,
        verifiedAt: check.verifiedAt,
      },
    });
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
