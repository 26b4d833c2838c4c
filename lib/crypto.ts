// No "server-only" marker: node:crypto cannot reach a browser bundle anyway, and the e2e fixtures
// seed encrypted second factors with it.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Stored app credentials are encrypted with AES-256-GCM under CREDENTIALS_ENCRYPTION_KEY
// (generated into ./data/ by `npm start` when the environment does not set it).
const VERSION = "v1";

function key(): Buffer {
  const secret = process.env.CREDENTIALS_ENCRYPTION_KEY;
  if (!secret) throw new Error("CREDENTIALS_ENCRYPTION_KEY is not set; start the console with npm start or set it.");
  // Any length of secret becomes a 32-byte key.
  return createHash("sha256").update(secret).digest();
}

/** Encrypts a JSON-serialisable value; the result is safe to store, never to show. */
export function encryptSecret(value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

/** Decrypts what encryptSecret produced; throws when the key is wrong or the value was altered. */
export function decryptSecret<T>(stored: string): T {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== VERSION || !iv || !tag || !data) throw new Error("Stored credentials are in an unknown format.");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  const plain = Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  return JSON.parse(plain) as T;
}

/** "ends in …1234": the only part of a secret a page may show. */
export function secretHint(secret: string): string {
  return secret.length >= 8 ? `ends in …${secret.slice(-4)}` : "set";
}
