import "server-only";
import { CoreError, type ErrorCode } from "@/lib/errors";

const STATUS: Record<ErrorCode, number> = {
  not_found: 404,
  validation_failed: 422,
  forbidden: 403,
  conflict: 409,
  unprocessable_event: 422,
  apply_later: 409,
};

/**
 * The one mapping of core errors for route handlers: the code's status and `{ error: { code, message, fields? } }`,
 * with the handler's own wording where it has one. Anything else is a fault and is thrown again: Next answers
 * it with a bare 500 and logs it, so no stack or SQL reaches the caller.
 */
export function routeError(error: unknown, messages: Partial<Record<ErrorCode, string>> = {}): Response {
  if (!(error instanceof CoreError)) throw error;
  const fields = Object.keys(error.fields).length ? { fields: error.fields } : {};
  return Response.json(
    { error: { code: error.code, message: messages[error.code] ?? error.message, ...fields } },
    { status: STATUS[error.code] },
  );
}
