import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { encryptSecret, secretHint } from "@/lib/crypto";
import { db } from "@/lib/db";
import { appTokenSchema } from "@/lib/schemas/app";
import { checkConnection, loadApp } from "./shared";
import type { VerifyOutcome } from "./types";

/** Stores a new bearer token and verifies it at once; the audit row says only that the credentials changed. */
export async function replaceAppToken(appId: string, input: { token: unknown }): Promise<VerifyOutcome> {
  const actor = await requirePermission("apps:connect");
  const { token } = appTokenSchema.parse(input);
  const app = await loadApp(db, appId);
  const check = await checkConnection(app.baseUrl, token);
  await db.$transaction(async (tx) => {
    const current = await loadApp(tx, app.id);
    await tx.app.update({
      where: { id: current.id },
      data: {
        credentialsEnc: encryptSecret({ token }),
        credentialsHint: secretHint(token),
        capabilities: check.capabilities ? JSON.stringify(check.capabilities) : null,
        health: check.health,
        healthMessage: check.healthMessage,
        verifiedAt: check.verifiedAt,
      },
    });
    await writeAudit(tx, actor, {
      action: "app.credentials.change",
      targetType: "app",
      targetId: current.id,
      targetLabel: current.name,
      before: { health: current.health },
      after: { credentials: "changed", health: check.health, healthMessage: check.healthMessage },
    });
  });
  return { ...check, verifiedAt: check.verifiedAt.toISOString() };
}
