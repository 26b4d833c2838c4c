// A SCIM 2.0 app for tests: SCIMMY validates bodies, filters and PatchOps as an RFC server would, an in-memory
// store keeps the data, and a node:http server on 127.0.0.1 adds the token check, faults and a Slack mode.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import SCIMMY from "scimmy";
import { FaultQueue, type ScimFault } from "./faults";
import { WriteBucket, isUserWrite, type StandInRateLimit } from "./rate-limit";
import { protectLiterals } from "./filter";
import { errorBody, type ErrorShape } from "./errors";
import { BASE_PATH, declareScimmyResources, type HandlerContext } from "./scimmy-setup";
import { StandInStore, type StoredResource } from "./store";

export type { ScimFault, FaultMatch } from "./faults";
export type { StoredResource } from "./store";

/** How the stand-in behaves. */
export interface ScimStandInOptions {
  /** The bearer token it accepts; random when left out. */
  token?: string;
  /** Also accept bearer tokens this says are live (e.g. an OAuth server's access tokens). */
  acceptToken?: (token: string) => boolean | Promise<boolean>;
  /** Delay before every answer. */
  latencyMs?: number;
  /** Behave like Slack: DELETE deactivates, email uniqueness, lowercased userName, Slack error bodies. */
  slack?: boolean;
  /** false: ServiceProviderConfig says patch.supported=false and PATCH answers 501. */
  patch?: boolean;
  /** false: /ResourceTypes answers 404. */
  resourceTypes?: boolean;
  /** Where ServiceProviderConfig lives; Slack v1 spells it /ServiceProviderConfigs. */
  serviceProviderConfigPath?: "/ServiceProviderConfig" | "/ServiceProviderConfigs";
  /** Status of a successful group PATCH: 204 (no body) by default, 200 with the group in Slack mode. */
  groupPatchStatus?: 200 | 204;
  /** Enforce Slack-style limits on writes to /Users: over the bucket, 429 + Retry-After (seconds). Off by default. */
  rateLimit?: StandInRateLimit;
  /** Called as each request arrives (before latency and faults): benchmarks time arrival with it. */
  onRequest?: (request: RecordedRequest) => void;
}

/** One request as the stand-in received it; the Authorization header is left out. */
export interface RecordedRequest {
  method: string;
  /** Relative to the SCIM base, e.g. "/Users/123", without the query. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** When it arrived (epoch ms). */
  at: number;
  /** Set when the rateLimit option answered it 429: the Retry-After it got, in seconds. */
  retryAfter?: number;
}

/** A running stand-in. */
export interface ScimStandIn {
  baseUrl: string;
  token: string;
  users(): StoredResource[];
  groups(): StoredResource[];
  requests: RecordedRequest[];
  setFault(fault: ScimFault): void;
  clearFaults(): void;
  /** Creates a user directly (validated by SCIMMY like a POST), without a logged request. */
  seedUser(resource: Record<string, unknown>): Promise<StoredResource>;
  close(): Promise<void>;
}

const MAX_RESULTS = 200;

type ListConfig = { filter?: string; attributes?: string; excludedAttributes?: string; sortBy?: string; sortOrder?: string; startIndex?: number; count?: number };
const RESOURCE_ROUTE = /^\/(Users|Groups)(?:\/([^/]+))?$/;

/** Starts a stand-in on 127.0.0.1 with a random port. */
export async function startScimStandIn(options: ScimStandInOptions = {}): Promise<ScimStandIn> {
  declareScimmyResources();
  const token = options.token ?? randomBytes(18).toString("base64url");
  const slack = options.slack ?? false;
  const store = new StandInStore(slack);
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const bucket = options.rateLimit ? new WriteBucket(options.rateLimit) : null;
  let origin = "";

  const shape: ErrorShape = slack ? "slack" : "rfc";
  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    const type = slack ? "application/json; charset=utf-8" : "application/scim+json";
    res.writeHead(status, body === undefined ? headers : { "Content-Type": type, ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(absolutise(body, origin)));
  };
  const fail = (res: ServerResponse, error: unknown, kind = "Users", headers: Record<string, string> = {}) => {
    const { status, body } = errorBody(error, shape, kind);
    send(res, status, body, headers);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", origin);
    const method = (req.method ?? "GET").toUpperCase();
    const raw = await readBody(req);
    const inBase = url.pathname === BASE_PATH || url.pathname.startsWith(`${BASE_PATH}/`);
    const path = inBase ? url.pathname.slice(BASE_PATH.length) || "/" : url.pathname;
    let body: unknown = undefined;
    let badJson = false;
    try {
      body = raw === "" ? undefined : JSON.parse(raw);
    } catch {
      badJson = true;
      body = raw;
    }
    const headers = { ...req.headers };
    delete headers.authorization;
    const recorded: RecordedRequest = { method, path, query: Object.fromEntries(url.searchParams), body, headers, at: Date.now() };
    // Counted as it arrives, as Slack counts.
    const limited = bucket && inBase && isUserWrite(method, path) ? bucket.take(recorded.at) : null;
    if (limited !== null) recorded.retryAfter = limited;
    requests.push(recorded);
    options.onRequest?.(recorded);
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));

    if (!inBase) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Not Found");
      return;
    }
    const bearer = req.headers.authorization?.replace(/^bearer\s+/i, "Bearer ");
    if (bearer !== `Bearer ${token}` && !(options.acceptToken && bearer?.startsWith("Bearer ") && (await options.acceptToken(bearer.slice(7))))) {
      return fail(res, new SCIMMY.Types.Error(401, "", "Authorization failure"));
    }
    if (limited !== null) return fail(res, { status: 429, message: slack ? "ratelimited" : "Too many requests" }, "Users", { "Retry-After": String(limited) });
    const fault = faults.take(method, path);
    if (fault) return injectFault(res, fault);
    if (badJson) return fail(res, new SCIMMY.Types.Error(400, "invalidSyntax", "Request body is not valid JSON"));
    await route(res, method, path, url.searchParams, body);
  };

  const injectFault = (res: ServerResponse, fault: ScimFault) => {
    const retryAfter: Record<string, string> = "retryAfter" in fault && fault.retryAfter !== undefined ? { "Retry-After": String(fault.retryAfter) } : {};
    if (fault.type === "timeout") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (fault.type === "serverError") return fail(res, { status: fault.status ?? 500, message: "Injected server error" }, "Users", retryAfter);
    if (fault.type === "rateLimit") return fail(res, { status: 429, message: "Too many requests" }, "Users", retryAfter);
    if (fault.type === "conflictOnCreate") return fail(res, new SCIMMY.Types.Error(409, "uniqueness", slack ? "username_taken" : "Injected conflict"));
    if (fault.type === "forbidden") return fail(res, new SCIMMY.Types.Error(403, "", slack ? "permission_denied" : "Injected forbidden"));
    return fail(res, new SCIMMY.Types.Error(404, "", "Injected not found"));
  };

  const route = async (res: ServerResponse, method: string, path: string, query: URLSearchParams, body: unknown) => {
    const spcPath = options.serviceProviderConfigPath ?? "/ServiceProviderConfig";
    const match = path.match(RESOURCE_ROUTE);
    const kind = match?.[1] ?? "Users";
    try {
      if (method === "GET" && path === spcPath) return send(res, 200, serviceProviderConfig(options.patch !== false, spcPath));
      if (method === "GET" && path.startsWith("/ResourceTypes") && options.resourceTypes !== false) {
        return send(res, 200, await new SCIMMY.Resources.ResourceType(path.split("/")[2]).read());
      }
      if (method === "GET" && path.startsWith("/Schemas")) return send(res, 200, await new SCIMMY.Resources.Schema(path.split("/")[2]).read());
      if (!match) throw new SCIMMY.Types.Error(404, "", `No endpoint ${path}`);
      const id = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
      const ctx: HandlerContext = { store, literals: new Map() };
      const Resource = kind === "Users" ? SCIMMY.Resources.User : SCIMMY.Resources.Group;

      if (id === undefined && method === "GET") {
        const config = listConfig(query, ctx);
        return send(res, 200, await new Resource(undefined, config).read(ctx));
      }
      if (id === undefined && method === "POST") {
        const created = await new Resource().write(body, ctx);
        const location = `${origin}${BASE_PATH}/${kind}/${encodeURIComponent(String(created.id))}`;
        return send(res, 201, created, { Location: location });
      }
      if (id !== undefined && method === "GET") return send(res, 200, await new Resource(id, attributeConfig(query)).read(ctx));
      if (id !== undefined && method === "PUT") return send(res, 200, await new Resource(id).write(body, ctx));
      if (id !== undefined && method === "PATCH") {
        if (options.patch === false) throw new SCIMMY.Types.Error(501, "", "PATCH is not supported");
        const patched = (await new Resource(id).patch(acceptEntraBooleans(body) as never, ctx)) ?? (await new Resource(id).read(ctx));
        const groupStatus = options.groupPatchStatus ?? (slack ? 200 : 204);
        return kind === "Groups" && groupStatus === 204 ? send(res, 204) : send(res, 200, patched);
      }
      if (id !== undefined && method === "DELETE") {
        await new Resource(id).dispose(ctx);
        return send(res, 204);
      }
      throw new SCIMMY.Types.Error(404, "", `No endpoint ${method} ${path}`);
    } catch (error) {
      fail(res, error, kind);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) fail(res, error);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl: `${origin}${BASE_PATH}`,
    token,
    users: () => [...store.users.values()].map((u) => structuredClone(u)),
    groups: () => [...store.groups.values()].map((g) => structuredClone(g)),
    requests,
    setFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    seedUser: async (resource) => {
      const created = await new SCIMMY.Resources.User().write(resource, { store, literals: new Map() } satisfies HandlerContext);
      return structuredClone(store.users.get(created.id) as StoredResource);
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listConfig(query: URLSearchParams, ctx: HandlerContext): ListConfig {
  const config: ListConfig = attributeConfig(query);
  for (const key of ["sortBy", "sortOrder"] as const) {
    const value = query.get(key);
    if (value !== null) config[key] = value;
  }
  const filter = query.get("filter");
  if (filter !== null) {
    const protectedFilter = protectLiterals(filter);
    config.filter = protectedFilter.filter;
    for (const [k, v] of protectedFilter.literals) ctx.literals.set(k, v);
  }
  const startIndex = Number(query.get("startIndex") ?? 1);
  const count = Number(query.get("count") ?? MAX_RESULTS);
  if (Number.isInteger(startIndex)) config.startIndex = startIndex;
  // Like real servers, cap the page size at the maxResults the ServiceProviderConfig announces.
  if (Number.isInteger(count)) config.count = Math.min(count, MAX_RESULTS);
  return config;
}

function attributeConfig(query: URLSearchParams): { attributes?: string; excludedAttributes?: string } {
  const config: { attributes?: string; excludedAttributes?: string } = {};
  for (const key of ["attributes", "excludedAttributes"] as const) {
    const value = query.get(key);
    if (value !== null) config[key] = value;
  }
  return config;
}

function serviceProviderConfig(patch: boolean, path: string): SCIMMY.Schemas.ServiceProviderConfig {
  return new SCIMMY.Schemas.ServiceProviderConfig(
    {
      documentationUri: "https://scim-standin.test/docs",
      patch: { supported: patch },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: MAX_RESULTS },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: false },
      authenticationSchemes: [
        { type: "oauthbearertoken", name: "OAuth Bearer Token", description: "Authentication with a bearer token" },
      ],
    },
    `${BASE_PATH}${path}`,
  );
}

// Entra without its compliance flag sends `"value":"False"` for active; its docs ask servers to accept it.
function acceptEntraBooleans(body: unknown): unknown {
  if (!body || typeof body !== "object" || !Array.isArray((body as { Operations?: unknown }).Operations)) return body;
  const toBool = (v: unknown) => (typeof v === "string" && /^(true|false)$/i.test(v) ? v.toLowerCase() === "true" : v);
  const operations = (body as { Operations: Record<string, unknown>[] }).Operations.map((op) => {
    if (typeof op.path === "string" && op.path.toLowerCase() === "active") return { ...op, value: toBool(op.value) };
    if (op.path === undefined && op.value && typeof op.value === "object" && "active" in op.value) {
      const value = op.value as Record<string, unknown>;
      return { ...op, value: { ...value, active: toBool(value.active) } };
    }
    return op;
  });
  return { ...body, Operations: operations };
}

// SCIMMY builds meta.location from the base path alone; clients expect absolute URLs.
function absolutise(body: unknown, origin: string): unknown {
  const plain = JSON.parse(JSON.stringify(body)) as unknown;
  const fix = (resource: unknown) => {
    const meta = (resource as { meta?: { location?: unknown } } | null)?.meta;
    if (meta && typeof meta.location === "string" && meta.location.startsWith("/")) meta.location = `${origin}${meta.location}`;
  };
  fix(plain);
  const resources = (plain as { Resources?: unknown } | null)?.Resources;
  if (Array.isArray(resources)) resources.forEach(fix);
  return plain;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
