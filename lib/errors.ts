// Expected failures that lib functions throw and actions turn into `{ ok: false, ... }`.

/** The signed-in operator lacks the permission (HTTP 403). */
export class ForbiddenError extends Error {
  readonly code = "FORBIDDEN";
  constructor(message = "You do not have permission to do this.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** No valid session (HTTP 401 for route handlers; pages redirect to /login). */
export class UnauthenticatedError extends Error {
  readonly code = "UNAUTHENTICATED";
  constructor(message = "Your session has ended. Sign in again.") {
    super(message);
    this.name = "UnauthenticatedError";
  }
}

/** The record does not exist (or is not visible). */
export class NotFoundError extends Error {
  readonly code = "NOT_FOUND";
  constructor(message = "That record no longer exists. Reload the page.") {
    super(message);
    this.name = "NotFoundError";
  }
}

/** A rule of the domain refused the change; `field` names the form field when there is one. */
export class DomainError extends Error {
  readonly code = "CONFLICT";
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}
