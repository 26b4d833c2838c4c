// Error bodies in the two shapes clients meet: RFC 7644 §3.12 (status as a string, built by SCIMMY where it
// can) and Slack's (status as a number, a Slack code in detail).
import SCIMMY from "scimmy";

/** Which error body to write. */
export type ErrorShape = "rfc" | "slack";

const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
const SLACK_CODE = /^[a-z]+(_[a-z]+)+( |$)/;

/** Status and body for an error thrown while handling a request. */
export function errorBody(error: unknown, shape: ErrorShape, kind: string): { status: number; body: unknown } {
  let status = 500;
  let scimType: string | undefined;
  let detail = "Internal server error";
  if (error instanceof SCIMMY.Types.Error) {
    status = error.status;
    scimType = error.scimType || undefined;
    detail = error.message;
  } else if (isStatusError(error)) {
    status = error.status;
    detail = error.message;
  }

  if (shape === "slack") {
    return { status, body: { schemas: [ERROR_SCHEMA], detail: slackDetail(status, detail, kind), status } };
  }
  try {
    const cause = { status: status as SCIMMY.Messages.ErrorResponse.ValidStatusCodes, detail, ...(scimType ? { scimType } : {}) };
    return { status, body: new SCIMMY.Messages.ErrorResponse(cause as SCIMMY.Messages.ErrorResponse.CauseDetails) };
  } catch {
    // SCIMMY only builds the statuses RFC 7644 lists; 429 and 503 are written by hand in the same shape.
    return { status, body: { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail } };
  }
}

function slackDetail(status: number, detail: string, kind: string): string {
  if (SLACK_CODE.test(detail)) return detail;
  if (status === 401) return "invalid_authentication";
  if (status === 404) return kind === "Groups" ? "no_such_group" : "no_such_user";
  if (status === 429) return "too_many_requests";
  if (status === 400) return `invalid_attribute_format (${detail})`;
  return detail;
}

function isStatusError(error: unknown): error is { status: number; message: string } {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { status?: unknown }).status === "number" &&
    typeof (error as { message?: unknown }).message === "string"
  );
}
