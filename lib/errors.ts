/** Typed errors of the core; each surface (page, action, route, job) maps them once. */
export class NotFoundError extends Error {
  readonly code = "not_found";
  constructor(what: string) {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

export class ValidationError extends Error {
  readonly code = "validation_failed";
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

/** The caller may see the record but not do this to it (a member where an admin is needed, a merchant user and the warehouse's settings). */
export class ForbiddenError extends Error {
  readonly code = "forbidden";
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** The record is being worked on right now (e.g. a worker holds its lease). */
export class ConflictError extends Error {
  readonly code = "conflict";
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

/** Why a person's action was refused: the record changed since the page they acted from was shown (docs/rules.md#r9). */
export type ChangeReason = "accepted" | "shipped" | "canceled" | "edited";

/**
 * The record changed since the person saw it — accepted by the WMS, shipped, edited elsewhere — so their
 * edit or resend is refused and nothing is saved or sent (docs/rules.md#r9). A conflict: each surface maps it like one.
 */
export class ChangedSinceError extends ConflictError {
  constructor(
    message: string,
    readonly reason: ChangeReason,
  ) {
    super(message);
    this.name = "ChangedSinceError";
  }
}
