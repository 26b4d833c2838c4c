import "server-only";
import QRCode from "qrcode";
import { writeAudit } from "@/lib/audit";
import { requireOwnSession } from "@/lib/authz";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { totpCodeSchema } from "@/lib/schemas/operator-factors";
import { PENDING_STAGE_SECONDS } from "@/lib/sessions/session-config";
import { replaceRecoveryCodes } from "./recovery-codes";
import { newTotpSecret, totpFor, totpStepOf } from "./totp-core";

/** AuthChallenge purposes: a secret waiting for its first code, and an enrolment that may finish its sign-in. */
export const TOTP_SETUP_PURPOSE = "totp-setup";
export const TOTP_ENROLLED_PURPOSE = "totp-enrolled";
const SETUP_SECONDS = 10 * 60;

export const TOTP_ALREADY_ON = "Your authenticator app is already set up. Turn it off first to set up another.";
export const SETUP_EXPIRED = "The set-up took longer than 10 minutes and expired. Start again to get a new QR code.";
export const WRONG_SETUP_CODE = "That code is not right. Enter the 6-digit code your authenticator app shows now for this console.";

/** What the set-up screen shows: the QR code, the same secret as text, and the otpauth:// URI behind both. */
export type TotpSetup = { otpauthUri: string; qrCodeDataUrl: string; secretForTyping: string };

/**
 * Starts setting up an authenticator app for the signed-in operator (also while enrolling): a new
 * secret, kept encrypted as a pending challenge of this session for 10 minutes, not yet on the
 * operator. Starting again replaces the pending one.
 */
export async function startTotpSetup(): Promise<TotpSetup> {
  const { actor, session } = await requireOwnSession(["active", "enrol"]);
  const admin = await db.admin.findUnique({ where: { id: actor.id }, select: { totpEnabledAt: true } });
  if (admin?.totpEnabledAt) throw new DomainError(TOTP_ALREADY_ON);
  const secret = newTotpSecret();
  await db.$transaction(async (tx) => {
    await tx.authChallenge.deleteMany({ where: { purpose: TOTP_SETUP_PURPOSE, adminId: actor.id } });
    await tx.authChallenge.create({
      data: {
        purpose: TOTP_SETUP_PURPOSE,
        challenge: encryptSecret(secret),
        adminId: actor.id,
        sessionId: session?.id ?? null,
        expiresAt: new Date(Date.now() + SETUP_SECONDS * 1000),
      },
    });
  });
  const otpauthUri = totpFor(secret, actor.email).toString();
  const svg = await QRCode.toString(otpauthUri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    otpauthUri,
    qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
    secretForTyping: secret.match(/.{1,4}/g)?.join(" ") ?? secret,
  };
}

/**
 * Confirms the pending secret with a first code from the app: the secret becomes the operator's
 * factor, the code's time step is recorded (so the same code cannot sign in right after), 10 new
 * recovery codes replace any old ones, and the change is audited. Returns the codes to show once.
 * A wrong code changes nothing. While enrolling, the session is marked so that finishTotpEnrolment
 * (the Continue button, after the codes were read) can complete the sign-in.
 */
export async function confirmTotpSetup(input: unknown): Promise<{ codes: string[]; enrolling: boolean }> {
  const { actor, session } = await requireOwnSession(["active", "enrol"]);
  const { code } = totpCodeSchema.parse(input);
  const pending = await db.authChallenge.findFirst({
    where: { purpose: TOTP_SETUP_PURPOSE, adminId: actor.id, sessionId: session?.id ?? null, expiresAt: { gt: new Date() } },
    orderBy: { expiresAt: "desc" },
  });
  if (!pending) throw new DomainError(SETUP_EXPIRED);
  const step = totpStepOf(decryptSecret<string>(pending.challenge), code);
  if (step === null) throw new DomainError(WRONG_SETUP_CODE, { code: [WRONG_SETUP_CODE] });
  const enrolling = session?.stage === "enrol";
  const codes = await db.$transaction(async (tx) => {
    const taken = await tx.admin.updateMany({
      where: { id: actor.id, totpEnabledAt: null },
      data: { totpSecret: pending.challenge, totpEnabledAt: new Date(), totpLastStep: step },
    });
    if (taken.count !== 1) throw new DomainError(TOTP_ALREADY_ON);
    await tx.authChallenge.deleteMany({ where: { purpose: TOTP_SETUP_PURPOSE, adminId: actor.id } });
    const { codes, replaced } = await replaceRecoveryCodes(tx, actor.id);
    if (enrolling && session) {
      await tx.authChallenge.create({
        data: { purpose: TOTP_ENROLLED_PURPOSE, challenge: "", adminId: actor.id, sessionId: session.id, expiresAt: new Date(Date.now() + PENDING_STAGE_SECONDS * 1000) },
      });
    }
    await writeAudit(tx, actor, {
      action: "operator.totp.enrolled",
      targetType: "admin",
      targetId: actor.id,
      targetLabel: actor.email,
      after: { recoveryCodes: codes.length, recoveryCodesReplaced: replaced, duringSignIn: enrolling },
    });
    return codes;
  });
  return { codes, enrolling };
}
