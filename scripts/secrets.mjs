// Generates and keeps the embedded default's secrets under ./data/ (owner-only), unless the
// environment provides them.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const SECRETS = [
  { env: "AUTH_SECRET", file: "auth-secret" },
  { env: "CREDENTIALS_ENCRYPTION_KEY", file: "credentials-key" },
];

/** Returns env additions for secrets missing from `env`, creating their files on first use. */
export function ensureSecrets(dataDir, env = process.env) {
  const additions = {};
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  for (const secret of SECRETS) {
    if (env[secret.env]) continue;
    const file = path.join(dataDir, secret.file);
    if (!fs.existsSync(file)) {
      fs.writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
    }
    fs.chmodSync(file, 0o600);
    additions[secret.env] = fs.readFileSync(file, "utf8").trim();
  }
  return additions;
}
