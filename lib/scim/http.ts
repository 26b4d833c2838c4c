// The HTTP side of the SCIM client: URL building, headers, timeout, JSON parsing, and turning every failure
// into a ScimError. The bearer token goes into one header and nowhere else; any echo of it in a reply is
// redacted before the reply can reach an error message.
import { ScimError, scimErrorFromResponse } from "./errors";
import { SCIM_MEDIA_TYPE } from "./types";

/** How to reach one app. */
export interface ScimTransportOptions {
  /** The SCIM base URL, e.g. https://api.slack.com/scim/v2 (a trailing slash is fine). */
  baseUrl: string;
  token: string;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Per-request time limit; default 15 s. */
  timeoutMs?: number;
}

/** One request's options. */
export interface ScimRequest {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Statuses that count as success besides 2xx, e.g. 404 for "already gone". */
  accept?: number[];
}

/** A reply that counted as success. */
export interface ScimReply<T> {
  status: number;
  body: T | undefined;
  headers: Headers;
}

/** Default per-request time limit. */
export const DEFAULT_TIMEOUT_MS = 15_000;

const TLS_CODE = /CERT|TLS|SSL|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

/** Sends SCIM requests to one base URL with one token. */
export class ScimTransport {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly host: string;
  readonly #token: string;
  readonly #fetch: typeof fetch;
  readonly #urlError: ScimError | undefined;

  constructor(options: ScimTransportOptions) {
    this.baseUrl = options.baseUrl.trim().replace(/\/+$/, "");
    this.#token = options.token;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let host = "";
    try {
      const url = new URL(this.baseUrl);
      host = url.host;
      if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("not http(s)");
      // Credentials in the URL would travel in logs and error messages; refuse them up front.
      if (url.username || url.password) throw new Error("credentials in URL");
    } catch {
      this.#urlError = new ScimError({ reason: "invalid-url" });
    }
    this.host = host;
  }

  /** Sends one request; resolves for 2xx (and `accept` statuses), throws ScimError otherwise. */
  async request<T>(method: string, path: string, options: ScimRequest = {}): Promise<ScimReply<T>> {
    if (this.#urlError) throw this.#urlError;
    const operation = `${method} ${path}`;
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.#token}`,
      Accept: `${SCIM_MEDIA_TYPE}, application/json`,
    };
    if (options.body !== undefined) headers["Content-Type"] = SCIM_MEDIA_TYPE;

    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(this.url(path, options.query), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = this.redact(await response.text());
    } catch (error) {
      throw this.transportError(error, operation);
    }

    const ok = (response.status >= 200 && response.status < 300) || (options.accept ?? []).includes(response.status);
    if (!ok) {
      throw scimErrorFromResponse({
        status: response.status,
        body: parseJsonLoosely(text),
        retryAfter: response.headers.get("retry-after"),
        operation,
      });
    }
    return { status: response.status, body: this.parseBody<T>(text, response.headers, operation), headers: response.headers };
  }

  private url(path: string, query: ScimRequest["query"]): string {
    // encodeURIComponent, not URLSearchParams: a space must be %20, since some servers read `+` literally.
    const params = Object.entries(query ?? {})
      .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
    return `${this.baseUrl}${path}${params.length > 0 ? `?${params.join("&")}` : ""}`;
  }

  private parseBody<T>(text: string, headers: Headers, operation: string): T | undefined {
    if (text.trim() === "") return undefined;
    const type = headers.get("content-type") ?? "";
    if (/html/i.test(type)) {
      throw new ScimError({ reason: "invalid-response", operation, detail: "it sent a web page" });
    }
    const parsed = parseJsonLoosely(text);
    if (parsed === undefined) throw new ScimError({ reason: "invalid-response", operation, detail: "it is not JSON" });
    return parsed as T;
  }

  private transportError(error: unknown, operation: string): ScimError {
    if (error instanceof ScimError) return error;
    const name = error instanceof Error ? error.name : "";
    if (name === "TimeoutError" || name === "AbortError") {
      return new ScimError({ reason: "timeout", operation, timeoutMs: this.timeoutMs, host: this.host });
    }
    const code = causeCode(error);
    return new ScimError({ reason: code && TLS_CODE.test(code) ? "tls" : "network", operation, host: this.host, causeCode: code });
  }

  private redact(text: string): string {
    return this.#token.length >= 4 ? text.split(this.#token).join("[redacted]") : text;
  }
}

// undici wraps the socket error: TypeError("fetch failed", { cause: Error{code} }), sometimes an AggregateError.
function causeCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current !== "object") break;
    const record = current as { code?: unknown; errors?: unknown; cause?: unknown; message?: unknown };
    if (typeof record.code === "string") return record.code;
    if (Array.isArray(record.errors) && record.errors.length > 0) {
      const first = causeCode(record.errors[0]);
      if (first) return first;
    }
    if (record.message === "bad port") return "ERR_BAD_PORT";
    current = record.cause;
  }
  return undefined;
}

function parseJsonLoosely(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
