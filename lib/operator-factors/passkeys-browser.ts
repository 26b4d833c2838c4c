// Browser side of the passkey ceremonies (client components only): asks the authenticator and turns
// its refusals into sentences a person can act on.
import { browserSupportsWebAuthn, startAuthentication, startRegistration, WebAuthnError } from "@simplewebauthn/browser";
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/types";
import { useState, useTransition } from "react";
import type { ActionResult, FieldErrors } from "@/lib/action-result";

export const NO_WEBAUTHN_MESSAGE =
  "This browser cannot use passkeys or security keys. Use a current Chrome, Edge, Firefox or Safari, or sign in another way.";

export type Ceremony<T> = { ok: true; response: T } | { ok: false; message: string };

/** True when this browser offers WebAuthn (false while rendering on the server). */
export function passkeysSupported(): boolean {
  return typeof window !== "undefined" && browserSupportsWebAuthn();
}

function ceremonyMessage(error: unknown, registering: boolean): string {
  const code = error instanceof WebAuthnError ? error.code : undefined;
  const name = error instanceof Error ? error.name : "";
  if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED" || name === "InvalidStateError") {
    return "This passkey or security key is already registered to your account.";
  }
  if (code === "ERROR_INVALID_DOMAIN" || code === "ERROR_INVALID_RP_ID" || name === "SecurityError") {
    return "The browser refused passkeys for this address. Open the console at its host name over HTTPS (or at localhost).";
  }
  if (name === "NotAllowedError" || name === "AbortError" || code === "ERROR_CEREMONY_ABORTED") {
    return registering
      ? "No passkey was created: the request was cancelled or timed out. Try again."
      : "No passkey was used: the request was cancelled, timed out, or no passkey for this console was found. Try again.";
  }
  return `The passkey could not be used${error instanceof Error && error.message ? `: ${error.message}` : "."}`;
}

/** Asks the authenticator to sign the console's challenge. */
export async function askPasskeyInBrowser(options: PublicKeyCredentialRequestOptionsJSON): Promise<Ceremony<AuthenticationResponseJSON>> {
  if (!passkeysSupported()) return { ok: false, message: NO_WEBAUTHN_MESSAGE };
  try {
    return { ok: true, response: await startAuthentication(options) };
  } catch (error) {
    return { ok: false, message: ceremonyMessage(error, false) };
  }
}

/** Asks the authenticator to create a passkey for the console. */
export async function createPasskeyInBrowser(options: PublicKeyCredentialCreationOptionsJSON): Promise<Ceremony<RegistrationResponseJSON>> {
  if (!passkeysSupported()) return { ok: false, message: NO_WEBAUTHN_MESSAGE };
  try {
    return { ok: true, response: await startRegistration(options) };
  } catch (error) {
    return { ok: false, message: ceremonyMessage(error, true) };
  }
}

type Steps<O, R, T> = {
  /** The server action that makes the options (and stores the challenge). */
  options: () => Promise<ActionResult<O>>;
  /** askPasskeyInBrowser or createPasskeyInBrowser. */
  ask: (options: O) => Promise<Ceremony<R>>;
  /** The server action that verifies the answer (it may redirect). */
  submit: (response: R) => Promise<ActionResult<T>>;
  onDone?: (data: T) => void;
};

/**
 * One passkey ceremony from a button or form: options from the server, the authenticator, the answer
 * back to the server. `failure` holds what went wrong, for a FormMessage (announced) and field errors.
 */
export function usePasskeyCeremony() {
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<{ message: string; fieldErrors?: FieldErrors }>();
  function run<O, R, T>(steps: Steps<O, R, T>) {
    setFailure(undefined);
    if (!passkeysSupported()) return setFailure({ message: NO_WEBAUTHN_MESSAGE });
    startTransition(async () => {
      const options = await steps.options();
      if (!options.ok) return setFailure(options);
      const ceremony = await steps.ask(options.data);
      if (!ceremony.ok) return setFailure({ message: ceremony.message });
      const result = await steps.submit(ceremony.response);
      if (!result.ok) return setFailure(result);
      steps.onDone?.(result.data);
    });
  }
  return { pending, failure, run, clear: () => setFailure(undefined) };
}
