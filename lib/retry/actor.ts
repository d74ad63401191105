/** Who did something: a signed-in user, or the system (a job or a webhook). Recorded in alert history. */
export type Actor = { type: "user"; userId: string } | { type: "system"; name: string };

export const SYSTEM: Actor = { type: "system", name: "fixline" };

/** Who acts when a connector's event changes something or sends what it created. */
export const WEBHOOK_ACTOR: Actor = { type: "system", name: "webhook" };

export function actorUserId(actor: Actor): string | null {
  return actor.type === "user" ? actor.userId : null;
}
