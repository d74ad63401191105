import type { z } from "zod";

/**
 * Typed errors of the core: one base, `CoreError` (a code, a message written for the person who will read it,
 * and per-field messages), and each surface maps it once by its code — a page (app/_lib/current-scope.ts), an
 * action (app/_lib/action.ts), a route (app/_lib/route-error.ts), a job's event processing
 * (lib/webhooks/process-receipt.ts). Anything that is not a CoreError is a fault: logged, never shown.
 */
export type ErrorCode =
  | "not_found"
  | "validation_failed"
  | "forbidden"
  | "conflict"
  /** A webhook event that is valid but cannot be applied (a shipment for an order Fixline does not know). */
  | "unprocessable_event"
  /** A webhook event whose record is being sent right now: applied by the sweep once the send is done. */
  | "apply_later";

export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Input path → what is wrong with it (validation_failed). */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The error's code when the core raised it on purpose; null for a fault. */
export function errorCode(error: unknown): ErrorCode | null {
  return error instanceof CoreError ? error.code : null;
}

export class NotFoundError extends CoreError {
  override name = "NotFoundError";
  constructor(what: string) {
    super("not_found", `${what} not found`);
  }
}

export class ValidationError extends CoreError {
  override name = "ValidationError";
  constructor(message: string, fields: Record<string, string> = {}) {
    super("validation_failed", message, fields);
  }
}

/** Parses a verb's input, or refuses it with the first message and one message per field: nothing is changed. */
export function parseOrRefuse<T>(schema: z.ZodType<T>, input: unknown, fallback: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    parsed.error.issues[0]?.message ?? fallback,
    Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message])),
  );
}

/** Parses a form's input, or refuses it with "Check the highlighted fields." and one message per field: nothing is changed. */
export function parseFieldsOrRefuse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    "Check the highlighted fields.",
    Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message])),
  );
}

/** The caller may see the record but not do this to it (a member where an admin is needed, a merchant user and the warehouse's settings). */
export class ForbiddenError extends CoreError {
  override name = "ForbiddenError";
  constructor(message: string) {
    super("forbidden", message);
  }
}

/** The record is being worked on right now (e.g. a worker holds its lease). */
export class ConflictError extends CoreError {
  override name = "ConflictError";
  constructor(message: string) {
    super("conflict", message);
  }
}

/** Why a person's action was refused: the record changed since the page they acted from was shown (docs/rules.md#r9). */
export type ChangeReason = "accepted" | "shipped" | "canceled" | "edited";

/**
 * The record changed since the person saw it — accepted by the WMS, shipped, edited elsewhere — so their
 * edit or resend is refused and nothing is saved or sent (docs/rules.md#r9). A conflict: each surface maps it like one.
 */
export class ChangedSinceError extends ConflictError {
  override name = "ChangedSinceError";
  constructor(
    message: string,
    readonly reason: ChangeReason,
  ) {
    super(message);
  }
}

/** The event is valid but cannot be applied (e.g. a shipment for an order Fixline does not know). */
export class UnprocessableEvent extends CoreError {
  override name = "UnprocessableEvent";
  constructor(message: string) {
    super("unprocessable_event", message);
  }
}

/** The record is being sent right now: leave the event accepted; the sweep applies it once the send is done. */
export class ApplyLater extends CoreError {
  override name = "ApplyLater";
  constructor(message: string) {
    super("apply_later", message);
  }
}

/** How one refused item of a bulk action counts: not found (or another tenant's), being sent, or changed since chosen. */
export type Refusal = "not_found" | "busy" | "changed";

/** The refusal a core error stands for; null for anything else, which a bulk action lets through. */
export function refusalOf(error: unknown): Refusal | null {
  const code = errorCode(error);
  if (code === "not_found") return "not_found";
  if (code !== "conflict") return null;
  return error instanceof ChangedSinceError ? "changed" : "busy";
}
