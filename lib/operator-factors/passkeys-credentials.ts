import "server-only";
import type { AuthenticationResponseJSON, AuthenticatorTransportFuture, RegistrationResponseJSON } from "@simplewebauthn/types";
import type { z } from "zod";
import type { authenticationResponseSchema, registrationResponseSchema } from "@/lib/schemas/passkeys";

/** A passkey as the account page shows it: never its key material. */
export type PasskeyRow = {
  id: string;
  name: string;
  /** "synced": a multi-device passkey (a password manager or platform account keeps a copy); "device-bound": only on that authenticator. */
  kind: "synced" | "device-bound";
  backedUp: boolean;
  createdAt: string;
  lastUsedAt: string | null;
};

export const KNOWN_TRANSPORTS: AuthenticatorTransportFuture[] = ["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"];

/** The transports a response reported, as stored ("internal,hybrid"); unknown names are left out. */
export function transportsText(transports: readonly string[] | undefined): string {
  return (transports ?? []).filter((t): t is AuthenticatorTransportFuture => (KNOWN_TRANSPORTS as string[]).includes(t)).join(",");
}

/** Stored transports back as the list WebAuthn options carry. */
export function transportsList(text: string): AuthenticatorTransportFuture[] {
  return text.split(",").filter((t): t is AuthenticatorTransportFuture => (KNOWN_TRANSPORTS as string[]).includes(t));
}

export function passkeyKind(deviceType: string): PasskeyRow["kind"] {
  return deviceType === "multiDevice" ? "synced" : "device-bound";
}

/** The name a passkey gets when the operator gives none: what kind of authenticator it is. */
export function defaultPasskeyName(deviceType: string, transports: string): string {
  if (deviceType === "multiDevice") return "Synced passkey";
  const list = transportsList(transports);
  if (list.some((t) => t === "usb" || t === "nfc" || t === "ble" || t === "smart-card")) return "Security key";
  if (list.includes("internal")) return "Passkey on this device";
  return "Passkey";
}

export function toPasskeyRow(row: { id: string; name: string; deviceType: string; backedUp: boolean; createdAt: Date; lastUsedAt: Date | null }): PasskeyRow {
  return {
    id: row.id,
    name: row.name,
    kind: passkeyKind(row.deviceType),
    backedUp: row.backedUp,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * True when an authenticator's signature counter moved forward. Authenticators that keep no counter
 * always report 0 (allowed while the stored one is 0 too); any other counter that does not grow
 * means a copy of the credential signed in between: a cloned authenticator.
 */
export function counterAdvanced(stored: number, received: number): boolean {
  if (stored === 0 && received === 0) return true;
  return received > stored;
}

// The schemas check the shape; the library's types are the same shape with narrower extension fields.
export function asRegistrationResponse(parsed: z.infer<typeof registrationResponseSchema>): RegistrationResponseJSON {
  return parsed as unknown as RegistrationResponseJSON;
}

export function asAuthenticationResponse(parsed: z.infer<typeof authenticationResponseSchema>): AuthenticationResponseJSON {
  return parsed as unknown as AuthenticationResponseJSON;
}
