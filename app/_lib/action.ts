import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { httpSender } from "@/lib/connectors/send";
import type { ActionResult } from "@/lib/action-result";
import type { CoreContext } from "@/lib/core/context";
import { CoreError, type ErrorCode } from "@/lib/errors";
import { getCurrentUser } from "./current-scope";

export type { ActionResult };

/** The core context of the signed-in person (their scope, the time of the action, its own lease name), and their id. */
export type ActionContext = CoreContext & { userId: string };

/**
 * Wraps a server action: authenticates once, parses the input with its zod schema, runs the handler with
 * the user's scope, and maps the core's typed errors to a message (another tenant's record is "not found").
 * Anything unexpected is logged and answered with a generic message: no stack or SQL reaches a user.
 */
export function userAction<S extends z.ZodType, T = undefined>(
  schema: S,
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<ActionResult<T>>,
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const { user, scope, timeZone } = await getCurrentUser();
    const parsed = schema.safeParse(input instanceof FormData ? Object.fromEntries(input) : input);
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
      return { ok: false, error: parsed.error.issues[0]?.message ?? "Check the form.", fields };
    }
    const now = new Date();
    const ctx: ActionContext = {
      db: getDb(),
      scope,
      now,
      send: httpSender(),
      actor: { type: "user", userId: user.id },
      owner: `web:${user.id}:${now.getTime()}`,
      userId: user.id,
      timeZone,
    };
    try {
      return await handler(parsed.data, ctx);
    } catch (error) {
      return actionError(error);
    }
  };
}

/** What an action tells the person for each core error: its message, with the fields for a validation error. */
const ACTION_ANSWER: Record<ErrorCode, "message" | "fields" | "fault"> = {
  not_found: "message",
  validation_failed: "fields",
  forbidden: "message",
  conflict: "message",
  // Webhook processing's own: never raised by a person's action, so a fault if one is.
  unprocessable_event: "fault",
  apply_later: "fault",
};

/** The one mapping of errors for server actions. */
function actionError(error: unknown): { ok: false; error: string; fields?: Record<string, string> } {
  const answer = error instanceof CoreError ? ACTION_ANSWER[error.code] : "fault";
  if (answer === "message") return { ok: false, error: (error as CoreError).message };
  if (answer === "fields") return { ok: false, error: (error as CoreError).message, fields: (error as CoreError).fields };
  console.error("action failed", error);
  return { ok: false, error: "The action failed on our side. Try again in a minute; if it keeps failing, tell us what you did." };
}
