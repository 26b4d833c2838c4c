import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { encryptSecret, secretHint } from "@/lib/crypto";
import { db } from "@/lib/db";
import { appTokenSchema } from "@/lib/schemas/app";
import { checkConnection, loadApp, saveCheck } from "./shared";
import type { VerifyOutcome } from "./types";

/** Stores a new bearer token and verifies it at once; the audit row says only that the credentials changed. */
export async function replaceAppToken(appId: string, input: { token: unknown }): Promise<VerifyOutcome> {
  const actor = await requirePermission("apps:connect");
  const { token } = appTokenSchema.parse(input);
  const app = await loadApp(db, appId);
  const check = await checkConnection(app.baseUrl, token);
  await db.$transaction(async (tx) => {
    const current = await loadApp(tx, app.id);
    // A quarantined app stays held unless the new token works.
    await saveCheck(tx, current, check, { credentialsEnc: encryptSecret({ token }), credentialsHint: secretHint(token) });
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
