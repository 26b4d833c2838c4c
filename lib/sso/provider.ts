import "server-only";
import * as client from "openid-client";
import type { SsoConfig } from "./config";

/** Discovered provider metadata is reused for this long, per issuer. */
export const DISCOVERY_CACHE_MS = 5 * 60_000;
const DISCOVERY_TIMEOUT_SECONDS = 10;

const cache = new Map<string, { at: number; metadata: client.ServerMetadata }>();

/** A provider that could not be discovered or used, with words an admin can act on. */
export class SsoProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SsoProviderError";
  }
}

// The schema allows http:// only for loopback issuers (lib/schemas/sso.ts).
const insecure = (issuer: string) => new URL(issuer).protocol === "http:";

function describeDiscoveryError(error: unknown, issuer: string): string {
  const host = new URL(issuer).host;
  const text = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error);
  if (error instanceof client.ClientError && /issuer does not match/i.test(error.message)) {
    const body = (error.cause as { body?: { issuer?: unknown } } | undefined)?.body;
    const said = typeof body?.issuer === "string" ? ` (it says ${body.issuer})` : "";
    return `The provider at ${host} reports a different issuer${said}. Enter the issuer exactly as the provider publishes it.`;
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|fetch failed|timed? ?out|aborted|ECONNRESET|certificate/i.test(text)) {
    return `Could not reach ${host}: check the issuer URL and that the console can reach the provider.`;
  }
  const code = error instanceof client.ClientError ? error.code : undefined;
  if (["OAUTH_RESPONSE_IS_NOT_CONFORM", "OAUTH_RESPONSE_IS_NOT_JSON", "OAUTH_PARSE_ERROR", "OAUTH_INVALID_RESPONSE"].includes(code ?? "") || /unexpected HTTP|content-type|JSON/i.test(text)) {
    return `${host} did not answer with OpenID Connect discovery metadata at /.well-known/openid-configuration. Check the issuer URL.`;
  }
  return `Discovery at ${host} failed. Check the issuer URL.`;
}

/** The provider's metadata from its discovery document; cached per issuer for a few minutes unless `fresh`. */
export async function discoverProvider(issuer: string, options: { fresh?: boolean } = {}): Promise<client.ServerMetadata> {
  const hit = cache.get(issuer);
  if (!options.fresh && hit && Date.now() - hit.at < DISCOVERY_CACHE_MS) return hit.metadata;
  let discovered: client.Configuration;
  try {
    // Discovery needs no client: the id here is a placeholder; the real client is built per flow.
    discovered = await client.discovery(new URL(issuer), "discovery", undefined, client.None(), {
      timeout: DISCOVERY_TIMEOUT_SECONDS,
      execute: insecure(issuer) ? [client.allowInsecureRequests] : [],
    });
  } catch (error) {
    throw new SsoProviderError(describeDiscoveryError(error, issuer));
  }
  const metadata: client.ServerMetadata = { ...discovered.serverMetadata() };
  if (!metadata.authorization_endpoint || !metadata.token_endpoint) {
    throw new SsoProviderError(`The provider at ${new URL(issuer).host} publishes no authorization or token endpoint; it cannot be used for sign-in.`);
  }
  cache.set(issuer, { at: Date.now(), metadata });
  return metadata;
}

/** Forgets cached metadata (after the settings change). */
export function forgetDiscovery(issuer?: string): void {
  if (issuer) cache.delete(issuer);
  else cache.clear();
}

/** The openid-client configuration of the console's client at the provider. */
export async function ssoClient(config: SsoConfig): Promise<client.Configuration> {
  const metadata = await discoverProvider(config.issuer);
  const auth = config.clientAuth === "post" ? client.ClientSecretPost(config.clientSecret) : client.ClientSecretBasic(config.clientSecret);
  const out = new client.Configuration(metadata, config.clientId, undefined, auth);
  out.timeout = 15;
  if (insecure(config.issuer)) client.allowInsecureRequests(out);
  return out;
}

/** What Test shows about a provider: its issuer and endpoints. */
export type ProviderReport = {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint: string | null;
  jwksUri: string | null;
  supportsPkceS256: boolean | null;
};

/** Runs discovery now (never from the cache) and reports what the provider published. */
export async function describeProvider(issuer: string): Promise<ProviderReport> {
  const metadata = await discoverProvider(issuer, { fresh: true });
  const methods = metadata.code_challenge_methods_supported;
  return {
    issuer: metadata.issuer,
    authorizationEndpoint: metadata.authorization_endpoint ?? "",
    tokenEndpoint: metadata.token_endpoint ?? "",
    userinfoEndpoint: metadata.userinfo_endpoint ?? null,
    jwksUri: metadata.jwks_uri ?? null,
    supportsPkceS256: Array.isArray(methods) ? methods.includes("S256") : null,
  };
}
