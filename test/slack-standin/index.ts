// A Slack stand-in for tests: Web API methods under /api/<method> (form-urlencoded or JSON bodies, as
// @slack/web-api sends them), OAuth pages, and a control API under /_standin/ so a test in another
// process (Playwright) can read what was called and arrange rate limits. Method behaviour lives in
// the files per area (oauth.ts, chat.ts) and must match reference/slack.md.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { chatMethods, chatRoutes } from "./chat";
import { oauthMethods, oauthRoutes } from "./oauth";
import type { MethodHandler, RouteHandler, SlackCall, SlackReply, SlackStandInState } from "./types";

export type { MethodHandler, RouteHandler, SlackCall, SlackReply, SlackStandInState } from "./types";

/** A running Slack stand-in. */
export interface SlackStandIn {
  /** Web API base, with the trailing slash @slack/web-api expects: http://127.0.0.1:PORT/api/ */
  apiUrl: string;
  /** The OAuth v2 authorize page: http://127.0.0.1:PORT/oauth/v2/authorize */
  authorizeUrl: string;
  /** Origin, for the control API. */
  origin: string;
  calls: SlackCall[];
  state: SlackStandInState;
  /** The next `count` calls of `method` answer HTTP 429 with Retry-After `retryAfterS`. */
  rateLimit(method: string, retryAfterS: number, count?: number): void;
  /** The next `count` calls of `method` answer `{ ok: false, error }`. */
  failWith(method: string, error: string, count?: number): void;
  close(): Promise<void>;
}

const METHODS: Record<string, MethodHandler> = { ...oauthMethods, ...chatMethods };
const ROUTES: Record<string, RouteHandler> = { ...oauthRoutes, ...chatRoutes };

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses a Web API body: JSON, or form-urlencoded where `blocks` and other JSON-looking fields stay strings. */
function parseArgs(raw: string, contentType: string, query: URLSearchParams): Record<string, unknown> {
  const args: Record<string, unknown> = Object.fromEntries(query);
  if (!raw) return args;
  if (contentType.includes("application/json")) return { ...args, ...(JSON.parse(raw) as Record<string, unknown>) };
  return { ...args, ...Object.fromEntries(new URLSearchParams(raw)) };
}

function basicAuth(header: string | undefined): SlackCall["basicAuth"] {
  if (!header?.startsWith("Basic ")) return null;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const at = decoded.indexOf(":");
  return at < 0 ? null : { user: decodeURIComponent(decoded.slice(0, at)), password: decodeURIComponent(decoded.slice(at + 1)) };
}

function send(res: ServerResponse, reply: SlackReply) {
  res.writeHead(reply.status ?? 200, { "content-type": "application/json; charset=utf-8", ...reply.headers });
  res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
}

/** Starts the stand-in on 127.0.0.1 (`port` 0 = any free port). */
export async function startSlackStandIn(options: { port?: number } = {}): Promise<SlackStandIn> {
  const calls: SlackCall[] = [];
  const state: SlackStandInState = {};
  const rateLimits = new Map<string, { retryAfterS: number; count: number }>();
  const failures = new Map<string, { error: string; count: number }>();
  let origin = "";

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", origin);
      const raw = await readBody(req);
      if (url.pathname.startsWith("/_standin/")) return control(url, req.method ?? "GET", raw, res);
      if (url.pathname.startsWith("/api/")) {
        const method = url.pathname.slice("/api/".length);
        const auth = req.headers.authorization;
        const call: SlackCall = {
          method,
          args: parseArgs(raw, String(req.headers["content-type"] ?? ""), url.searchParams),
          token: auth?.startsWith("Bearer ") ? auth.slice(7) : null,
          basicAuth: basicAuth(auth),
          contentType: String(req.headers["content-type"] ?? ""),
          at: new Date().toISOString(),
        };
        calls.push(call);
        const limited = rateLimits.get(method);
        if (limited && limited.count > 0) {
          limited.count -= 1;
          return send(res, { status: 429, headers: { "retry-after": String(limited.retryAfterS) }, body: { ok: false, error: "ratelimited" } });
        }
        const failing = failures.get(method);
        if (failing && failing.count > 0) {
          failing.count -= 1;
          return send(res, { body: { ok: false, error: failing.error } });
        }
        const handler = METHODS[method];
        if (!handler) return send(res, { body: { ok: false, error: "unknown_method" } });
        return send(res, await handler(call, state, { origin }));
      }
      const route = ROUTES[url.pathname];
      if (route) return route(req, res, url, raw, state, { origin });
      send(res, { status: 404, body: { ok: false, error: "not_found" } });
    })().catch((error: unknown) => send(res, { status: 500, body: { ok: false, error: String(error) } }));
  });

  function control(url: URL, method: string, raw: string, res: ServerResponse) {
    const input = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    switch (`${method} ${url.pathname}`) {
      case "GET /_standin/health":
        return send(res, { body: { ok: true } });
      case "GET /_standin/calls":
        return send(res, { body: { calls: url.searchParams.get("method") ? calls.filter((c) => c.method === url.searchParams.get("method")) : calls } });
      case "GET /_standin/state":
        return send(res, { body: { state } });
      case "POST /_standin/state":
        Object.assign(state, input);
        return send(res, { body: { ok: true } });
      case "POST /_standin/ratelimit":
        rateLimits.set(String(input.method), { retryAfterS: Number(input.retryAfterS ?? 1), count: Number(input.count ?? 1) });
        return send(res, { body: { ok: true } });
      case "POST /_standin/fail":
        failures.set(String(input.method), { error: String(input.error), count: Number(input.count ?? 1) });
        return send(res, { body: { ok: true } });
      default:
        return send(res, { status: 404, body: { ok: false, error: "unknown_control" } });
    }
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${origin}/api/`,
    authorizeUrl: `${origin}/oauth/v2/authorize`,
    origin,
    calls,
    state,
    rateLimit: (method, retryAfterS, count = 1) => void rateLimits.set(method, { retryAfterS, count }),
    failWith: (method, error, count = 1) => void failures.set(method, { error, count }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Talks to a stand-in running in another process (the e2e one, started by Playwright's webServer). */
export function slackStandInControl(origin: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${origin}/_standin/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return (await res.json()) as Record<string, unknown>;
  };
  return {
    calls: async (method?: string) => (await call("GET", `calls${method ? `?method=${encodeURIComponent(method)}` : ""}`)).calls as SlackCall[],
    state: async () => (await call("GET", "state")).state as SlackStandInState,
    setState: (patch: SlackStandInState) => call("POST", "state", patch),
    rateLimit: (method: string, retryAfterS: number, count = 1) => call("POST", "ratelimit", { method, retryAfterS, count }),
    failWith: (method: string, error: string, count = 1) => call("POST", "fail", { method, error, count }),
  };
}
