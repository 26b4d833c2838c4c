// One error type for everything that can go wrong talking to a SCIM app. Its message is written for the
// admin who reads it in the console; the fields are for the worker that decides whether to retry.
// Nothing here ever sees the bearer token, and server-provided text is redacted by the client first.

/** Why a SCIM call failed, in the terms the worker acts on. */
export type ScimErrorReason =
  | "invalid-url"
  | "network"
  | "tls"
  | "timeout"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "uniqueness"
  | "invalid-request"
  | "precondition-failed"
  | "rate-limited"
  | "server"
  | "not-implemented"
  | "invalid-response";

/** What an error body said, whichever of the two shapes it came in. */
export interface ParsedErrorBody {
  status?: number;
  scimType?: string;
  detail?: string;
  /** Slack's code (`email_taken`), taken from `detail` or `Errors.description`. */
  slackCode?: string;
}

/** Fields of a ScimError; `message` is derived from them unless given. */
export interface ScimErrorInit {
  reason: ScimErrorReason;
  httpStatus?: number;
  scimType?: string;
  detail?: string;
  slackCode?: string;
  retryAfterMs?: number;
  /** `GET /Users`: method and path without query, which can hold personal data. */
  operation?: string;
  /** Host of the app, for network messages. */
  host?: string;
  /** The low-level code (ECONNREFUSED, CERT_HAS_EXPIRED...), never the raw error object. */
  causeCode?: string;
  timeoutMs?: number;
  message?: string;
}

const RETRYABLE: ReadonlySet<ScimErrorReason> = new Set(["network", "timeout", "rate-limited", "server"]);

// Slack reports what went wrong as a code in `detail`; these carry meaning the HTTP status may not.
const SLACK_CODE_REASONS: Record<string, ScimErrorReason> = {
  email_taken: "uniqueness",
  username_taken: "uniqueness",
  no_such_user: "not-found",
  no_such_group: "not-found",
  invalid_authentication: "unauthorized",
  missing_authentication: "unauthorized",
  permission_denied: "forbidden",
  too_many_requests: "rate-limited",
  resource_locked: "rate-limited",
};

/** A failed SCIM call: HTTP error, timeout, network or TLS failure. */
export class ScimError extends Error {
  readonly reason: ScimErrorReason;
  readonly httpStatus?: number;
  readonly scimType?: string;
  readonly detail?: string;
  readonly slackCode?: string;
  readonly retryAfterMs?: number;
  readonly operation?: string;
  readonly host?: string;
  readonly causeCode?: string;
  readonly timeoutMs?: number;
  readonly retryable: boolean;

  constructor(init: ScimErrorInit) {
    super(init.message ?? describeFailure(init));
    this.reason = init.reason;
    this.httpStatus = init.httpStatus;
    this.scimType = init.scimType;
    this.detail = init.detail;
    this.slackCode = init.slackCode;
    this.retryAfterMs = init.retryAfterMs;
    this.operation = init.operation;
    this.host = init.host;
    this.causeCode = init.causeCode;
    this.timeoutMs = init.timeoutMs;
    this.retryable = RETRYABLE.has(init.reason);
  }

  /** True for a 409 or Slack's email_taken / username_taken: the account already exists. */
  get isUniquenessConflict(): boolean {
    return this.reason === "uniqueness";
  }
}

// Set on the prototype so the stack header, captured inside super(), already reads "ScimError".
ScimError.prototype.name = "ScimError";

/** Parses `{status,scimType,detail}` (status string or number) and Slack's `{"Errors":{description,code}}`. */
export function parseScimErrorBody(body: unknown): ParsedErrorBody {
  if (!isRecord(body)) return {};
  const result: ParsedErrorBody = {};
  const errors = body.Errors;
  const slackErrors = Array.isArray(errors) ? errors[0] : errors;
  if (isRecord(slackErrors)) {
    result.status = toStatus(slackErrors.code);
    if (typeof slackErrors.description === "string") result.detail = slackErrors.description;
  }
  const status = toStatus(body.status);
  if (status !== undefined) result.status = status;
  if (typeof body.scimType === "string" && body.scimType) result.scimType = body.scimType;
  if (typeof body.detail === "string" && body.detail) result.detail = body.detail;
  const code = result.detail?.match(/^([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b/)?.[1];
  if (code) result.slackCode = code;
  return result;
}

/** Milliseconds to wait from a Retry-After header (delay seconds or an HTTP date); undefined if absent or bad. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Builds the ScimError for a non-success HTTP reply. */
export function scimErrorFromResponse(input: {
  status: number;
  body: unknown;
  retryAfter?: string | null;
  operation?: string;
  now?: number;
}): ScimError {
  const parsed = parseScimErrorBody(input.body);
  const slackReason = parsed.slackCode ? SLACK_CODE_REASONS[parsed.slackCode] : undefined;
  return new ScimError({
    reason: slackReason ?? reasonForStatus(input.status),
    httpStatus: input.status,
    scimType: parsed.scimType ?? (slackReason === "uniqueness" ? "uniqueness" : undefined),
    detail: parsed.detail,
    slackCode: parsed.slackCode,
    retryAfterMs: parseRetryAfter(input.retryAfter, input.now),
    operation: input.operation,
  });
}

/** Maps an HTTP status to the reason the worker acts on. */
export function reasonForStatus(status: number): ScimErrorReason {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404 || status === 410) return "not-found";
  if (status === 409) return "uniqueness";
  if (status === 412) return "precondition-failed";
  if (status === 408) return "timeout";
  if (status === 429) return "rate-limited";
  if (status === 501 || status === 405) return "not-implemented";
  if (status >= 500) return "server";
  return "invalid-request";
}

/** A plain-language account of the failure with the next step, for the console and the provisioning report. */
export function describeScimError(error: unknown): string {
  if (error instanceof ScimError) return describeFailure(error);
  return error instanceof Error && error.message ? error.message : "The SCIM call failed for an unknown reason.";
}

function describeFailure(error: ScimErrorInit): string {
  const status = error.httpStatus;
  const at = error.operation ? ` at ${error.operation.replace(/^\S+ /, "")}` : "";
  const detail = error.detail ? `: ${error.detail}` : "";
  const wait = error.retryAfterMs !== undefined ? ` after ${Math.ceil(error.retryAfterMs / 1000)} s` : " shortly";
  switch (error.reason) {
    case "invalid-url":
      return "The SCIM base URL is not a valid http(s) URL. Enter the full address, e.g. https://app.example.com/scim/v2.";
    case "network":
      return networkMessage(error);
    case "tls":
      return `Could not open a secure connection to ${error.host ?? "the app"}: ${tlsProblem(error.causeCode)}. Check that the app's certificate is valid for this host name and not expired, or correct the SCIM base URL.`;
    case "timeout":
      return `The app did not answer within ${Math.round((error.timeoutMs ?? 15_000) / 1000)} s${at}. The console will retry; if this keeps happening, check that the app is up.`;
    case "unauthorized":
      return `The app rejected the credentials (HTTP ${status ?? 401}). Check the token, then Verify Credentials again.`;
    case "forbidden":
      return `The app refused the request (HTTP ${status ?? 403})${detail}. The token's account may lack admin rights in the app: use a token of an admin, then Verify Credentials again.`;
    case "not-found":
      return `The app answered ${status ?? 404} (not found)${at}${detail}. The account or group may have been removed in the app; Sync now will recreate or relink it.`;
    case "uniqueness":
      return `The app already has an account or group with the same unique value (HTTP ${status ?? 409})${detail}. Another record there uses this userName, email or name: rename one of them or remove the duplicate in the app, then retry.`;
    case "invalid-request":
      return `The app rejected the request as invalid (HTTP ${status ?? 400}${error.scimType ? `, ${error.scimType}` : ""})${detail}. Check this app's attribute mapping and the user's values.`;
    case "precondition-failed":
      return `The record changed in the app since it was read (HTTP ${status ?? 412}). The console will read it again and retry.`;
    case "rate-limited":
      return `The app is limiting the request rate (HTTP ${status ?? 429}). The console will retry${wait}.`;
    case "server":
      return `The app had a server error (HTTP ${status ?? 500})${at}${detail}. The console will retry${wait}; if it persists, check the app's status page.`;
    case "not-implemented":
      return `The app does not support this operation (HTTP ${status ?? 501})${at}. Verify Credentials again so the console can adapt to what the app supports.`;
    case "invalid-response":
      return `The app's reply was not SCIM JSON${at}${detail}. Check that the SCIM base URL points at the SCIM API (it usually ends in /scim/v2).`;
  }
}

function networkMessage(error: ScimErrorInit): string {
  const host = error.host ?? "the configured host";
  switch (error.causeCode) {
    case "ECONNREFUSED":
      return `Could not reach the app at ${host}: connection refused. Check the SCIM base URL and that the app is up.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Could not reach the app at ${host}: the host name does not resolve. Check the SCIM base URL for typos.`;
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return `The connection to the app at ${host} was cut off. The console will retry; if it persists, check that the app is up.`;
    case "ERR_BAD_PORT":
      return `Could not reach the app at ${host}: that port is blocked for outgoing requests. Use the app's usual HTTPS port.`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
      return `Could not reach the app at ${host}: the network does not route there. Check the SCIM base URL and any firewall or proxy.`;
    default:
      return `Could not reach the app at ${host}${error.causeCode ? ` (${error.causeCode})` : ""}. Check the SCIM base URL and that the app is up.`;
  }
}

function tlsProblem(code: string | undefined): string {
  if (code === "CERT_HAS_EXPIRED") return "its certificate has expired";
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") return "its certificate is for a different host name";
  if (code === "DEPTH_ZERO_SELF_SIGNED_CERT" || code === "SELF_SIGNED_CERT_IN_CHAIN") return "its certificate is self-signed";
  if (code === "UNABLE_TO_VERIFY_LEAF_SIGNATURE" || code === "UNABLE_TO_GET_ISSUER_CERT_LOCALLY") {
    return "its certificate is not signed by a trusted authority";
  }
  return `the TLS handshake failed${code ? ` (${code})` : ""}`;
}

function toStatus(value: unknown): number | undefined {
  const n = typeof value === "string" ? Number.parseInt(value, 10) : value;
  return typeof n === "number" && Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
