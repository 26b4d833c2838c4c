// A software WebAuthn authenticator for tests: makes real registration and authentication responses
// (P-256 keys, "none" attestation, signed assertions), so the console's verification runs for real.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/types";

const b64url = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString("base64url");

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

export type SoftAuthenticatorOptions = {
  /** The authenticator verifies its user (PIN, biometrics). Default true. */
  userVerified?: boolean;
  /** A synced passkey (backup eligible and backed up). Default false: device-bound. */
  synced?: boolean;
  transports?: string[];
};

/** One credential on a software authenticator. */
export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  /** The signature counter the next assertion reports (then incremented). */
  counter = 1;
  userHandle = "";
  readonly settings: Required<SoftAuthenticatorOptions>;

  constructor(options: SoftAuthenticatorOptions = {}) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.settings = { userVerified: options.userVerified ?? true, synced: options.synced ?? false, transports: options.transports ?? ["internal"] };
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  private flags(extra: number): number {
    return FLAG_UP | (this.settings.userVerified ? FLAG_UV : 0) | (this.settings.synced ? FLAG_BE | FLAG_BS : 0) | extra;
  }

  private cosePublicKey(): Uint8Array {
    const jwk = this.publicKey.export({ format: "jwk" });
    return isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x ?? "", "base64url")],
        [-3, Buffer.from(jwk.y ?? "", "base64url")],
      ]),
    );
  }

  private static clientData(type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** Answers navigator.credentials.create for these options, as a browser at `origin` would. */
  register(options: PublicKeyCredentialCreationOptionsJSON, origin: string, rpId = options.rp.id ?? ""): RegistrationResponseJSON {
    this.userHandle = options.user.id;
    const counter = Buffer.alloc(4);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      createHash("sha256").update(rpId).digest(),
      Buffer.from([this.flags(FLAG_AT)]),
      counter,
      Buffer.alloc(16),
      idLength,
      this.credentialId,
      Buffer.from(this.cosePublicKey()),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ["fmt", "none"],
        ["attStmt", new Map<string, string>()],
        ["authData", authData],
      ]),
    );
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: {
        clientDataJSON: b64url(SoftAuthenticator.clientData("webauthn.create", options.challenge, origin)),
        attestationObject: b64url(attestationObject),
        transports: this.settings.transports as RegistrationResponseJSON["response"]["transports"],
      },
      clientExtensionResults: {},
    };
  }

  /** Answers navigator.credentials.get: signs the challenge with this credential's key. */
  authenticate(
    options: PublicKeyCredentialRequestOptionsJSON,
    origin: string,
    overrides: { counter?: number; userHandle?: string; rpId?: string } = {},
  ): AuthenticationResponseJSON {
    const counterValue = overrides.counter ?? this.counter++;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(counterValue);
    const authenticatorData = Buffer.concat([createHash("sha256").update(overrides.rpId ?? options.rpId ?? "").digest(), Buffer.from([this.flags(0)]), counter]);
    const clientDataJSON = SoftAuthenticator.clientData("webauthn.get", options.challenge, origin);
    const signature = sign("sha256", Buffer.concat([authenticatorData, createHash("sha256").update(clientDataJSON).digest()]), this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authenticatorData),
        signature: b64url(signature),
        userHandle: overrides.userHandle ?? (this.userHandle || undefined),
      },
      clientExtensionResults: {},
    };
  }
}
