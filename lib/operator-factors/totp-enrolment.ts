import "server-only";
import { requireOwnSession } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError, UnauthenticatedError } from "@/lib/errors";
import { finishSignIn } from "@/lib/sign-in/sign-in-flow";
import { TOTP_ENROLLED_PURPOSE } from "./totp-setup";

export const NOTHING_ENROLLED = "Set up your authenticator app first: scan the QR code and enter a code from it.";

/** Where the enrolling session stands: whether this session confirmed an authenticator app. */
export async function totpEnrolmentStatus(): Promise<{ confirmedHere: boolean; totpOn: boolean }> {
  const { actor, session } = await requireOwnSession(["enrol"]);
  const [admin, marker] = await Promise.all([
    db.admin.findUnique({ where: { id: actor.id }, select: { totpEnabledAt: true } }),
    session
      ? db.authChallenge.count({ where: { purpose: TOTP_ENROLLED_PURPOSE, sessionId: session.id, expiresAt: { gt: new Date() } } })
      : Promise.resolve(0),
  ]);
  return { confirmedHere: marker > 0, totpOn: Boolean(admin?.totpEnabledAt) };
}

/**
 * Completes a sign-in that was waiting for enrolment, once this very session confirmed an
 * authenticator app (confirmTotpSetup marks it): the session becomes active with a new token. A
 * session that did not confirm one cannot finish here, even if the operator set one up elsewhere.
 */
export async function finishTotpEnrolment(): Promise<void> {
  const { session } = await requireOwnSession(["enrol"]);
  if (!session) throw new UnauthenticatedError();
  const taken = await db.authChallenge.deleteMany({
    where: { purpose: TOTP_ENROLLED_PURPOSE, adminId: session.admin.id, sessionId: session.id, expiresAt: { gt: new Date() } },
  });
  if (taken.count !== 1) throw new DomainError(NOTHING_ENROLLED);
  await finishSignIn(session, "password+totp");
}
