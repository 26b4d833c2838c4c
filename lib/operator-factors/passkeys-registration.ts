import "server-only";
import { generateRegistrationOptions, verifyRegistrationResponse, type VerifiedRegistrationResponse } from "@simplewebauthn/server";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/types";
import { writeAudit } from "@/lib/audit";
import { requireOwnSession } from "@/lib/authz";
import { db, uniqueViolation } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { passkeyNewNameSchema, registrationResponseSchema } from "@/lib/schemas/passkeys";
import { finishSignIn } from "@/lib/sign-in/sign-in-flow";
import { challengeOfResponse, storeChallenge, takeChallenge } from "./passkeys-challenge";
import { asRegistrationResponse, defaultPasskeyName, toPasskeyRow, transportsList, transportsText, type PasskeyRow } from "./passkeys-credentials";
import { currentRelyingParty } from "./passkeys-relying-party";

/** How long the browser's passkey prompt stays open. */
const CEREMONY_TIMEOUT_MS = 2 * 60_000;

/**
 * Options for adding a passkey to the signed-in operator (or one finishing enrolment). Their passkeys
 * are excluded, so an authenticator is not registered twice; the challenge is stored for 5 minutes.
 */
export async function passkeyRegistrationOptions(): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { actor, session } = await requireOwnSession(["active", "enrol"]);
  const rp = await currentRelyingParty();
  const existing = await db.passkey.findMany({ where: { adminId: actor.id }, select: { credentialId: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userID: actor.id,
    userName: actor.email,
    userDisplayName: actor.name,
    attestationType: "none",
    timeout: CEREMONY_TIMEOUT_MS,
    excludeCredentials: existing.map((p) => ({ id: Buffer.from(p.credentialId, "base64url"), type: "public-key", transports: transportsList(p.transports) })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await storeChallenge({ purpose: "passkey-register", challenge: options.challenge, rp, adminId: actor.id, sessionId: session?.id ?? null });
  return options;
}

export type RegisteredPasskey = { passkey: PasskeyRow; finishedSignIn: boolean };

/**
 * Verifies the browser's registration response against the operator's stored challenge (taken once)
 * and stores the passkey, audited. A session in enrolment becomes active ("password+passkey").
 */
export async function registerPasskey(input: { name?: unknown; response: unknown }): Promise<RegisteredPasskey> {
  const { actor, session } = await requireOwnSession(["active", "enrol"]);
  const { name } = passkeyNewNameSchema.parse({ name: input.name ?? "" });
  const parsed = registrationResponseSchema.safeParse(input.response);
  if (!parsed.success) throw new DomainError("The browser's answer could not be read. Try adding the passkey again.");
  const response = asRegistrationResponse(parsed.data);
  const challenge = challengeOfResponse(response.response.clientDataJSON);
  const taken = challenge ? await takeChallenge("passkey-register", { challenge, adminId: actor.id }) : null;
  if (!taken) throw new DomainError("Adding the passkey took too long, or this answer was already used. Try again.");

  let verification: VerifiedRegistrationResponse;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: taken.challenge,
      expectedOrigin: taken.origin,
      expectedRPID: taken.rpID,
      requireUserVerification: false,
    });
  } catch {
    verification = { verified: false };
  }
  const info = verification.registrationInfo;
  if (!verification.verified || !info) throw new DomainError("The passkey could not be verified. Try again, or use another passkey or security key.");

  const transports = transportsText(response.response.transports);
  const passkeyName = name ?? defaultPasskeyName(info.credentialDeviceType, transports);
  const created = await db
    .$transaction(async (tx) => {
      const row = await tx.passkey.create({
        data: {
          adminId: actor.id,
          credentialId: Buffer.from(info.credentialID).toString("base64url"),
          publicKey: Buffer.from(info.credentialPublicKey).toString("base64url"),
          counter: info.counter,
          transports,
          deviceType: info.credentialDeviceType,
          backedUp: info.credentialBackedUp,
          name: passkeyName,
        },
      });
      await writeAudit(tx, actor, {
        action: "operator.passkey.registered",
        targetType: "passkey",
        targetId: row.id,
        targetLabel: `${row.name} (${actor.email})`,
        after: { name: row.name, kind: toPasskeyRow(row).kind, transports },
      });
      return row;
    })
    .catch((error: unknown) => {
      if (uniqueViolation(error)) throw new DomainError("This passkey is already registered. Use another passkey or security key.");
      throw error;
    });

  const finishedSignIn = session?.stage === "enrol";
  if (session && finishedSignIn) await finishSignIn(session, "password+passkey");
  return { passkey: toPasskeyRow(created), finishedSignIn };
}
