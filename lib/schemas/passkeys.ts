import { z } from "zod";
import { optionalLine, requiredLine } from "./common";

export const PASSKEY_NAME_MAX = 60;

/** Naming a new passkey: optional (empty takes a name from the kind of authenticator). */
export const passkeyNewNameSchema = z.object({ name: optionalLine("Name", PASSKEY_NAME_MAX) });

/** Renaming a passkey. */
export const passkeyRenameSchema = z.object({ name: requiredLine("Name", PASSKEY_NAME_MAX) });

const base64url = z.string().max(20_000).regex(/^[A-Za-z0-9_-]*$/);
const credentialId = base64url.min(1).max(1400);
// Unknown transport names (newer browsers) are kept out later, not refused.
const transports = z.array(z.string().max(20)).max(10).optional();

/** A browser's registration response (navigator.credentials.create, as @simplewebauthn/browser sends it). */
export const registrationResponseSchema = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports,
    authenticatorData: base64url.optional(),
    publicKey: base64url.optional(),
    publicKeyAlgorithm: z.number().optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});

/** A browser's authentication response (navigator.credentials.get). */
export const authenticationResponseSchema = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: z.string().max(200).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});
