// Break-glass for a lost second factor when no other admin can reset it in Settings > Admins:
//   npm run operator:reset-factors -- <email>
// Run on the server (it needs the database, so shell access is the proof of authority). Removes the
// operator's authenticator app, recovery codes and passkeys, ends their sessions and clears their
// sign-in throttle; writes an audit row. At their next sign-in they set up a new second factor.
import { createClient } from "../lib/db-client";

async function main() {
  const email = process.argv[2]?.trim().toLowerCase();
  if (!email) {
    console.error("usage: npm run operator:reset-factors -- <operator email>");
    process.exit(2);
  }
  const db = createClient();
  try {
    const admin = await db.admin.findUnique({ where: { email } });
    if (!admin) {
      console.error(`No operator has the email ${email}. Operators: Settings > Admins, or SELECT email FROM "Admin".`);
      process.exit(1);
    }
    const removed = await db.$transaction(async (tx) => {
      const recoveryCodes = (await tx.recoveryCode.deleteMany({ where: { adminId: admin.id } })).count;
      const passkeys = (await tx.passkey.deleteMany({ where: { adminId: admin.id } })).count;
      const sessions = (await tx.operatorSession.deleteMany({ where: { adminId: admin.id } })).count;
      await tx.signInThrottle.deleteMany({ where: { key: `account:${email}` } });
      await tx.admin.update({ where: { id: admin.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
      const result = { totp: Boolean(admin.totpEnabledAt), recoveryCodes, passkeys, sessionsEnded: sessions };
      await tx.auditLog.create({
        data: {
          actorId: null,
          actorEmail: "server shell (npm run operator:reset-factors)",
          action: "admin.factors.reset",
          targetType: "admin",
          targetId: admin.id,
          targetLabel: admin.email,
          after: JSON.stringify(result),
        },
      });
      return result;
    });
    console.log(
      `Reset ${email}: authenticator app ${removed.totp ? "removed" : "was not set up"}, ${removed.passkeys} passkey(s) and ${removed.recoveryCodes} recovery code(s) removed, ${removed.sessionsEnded} session(s) ended. They set up a new second factor at their next sign-in.`,
    );
  } finally {
    await db.$disconnect();
  }
}

await main();
