/** What every server action answers; forms show `error` inline and `fields` next to their inputs. */
export type ActionResult<T = undefined> =
  { ok: true; message: string; data?: T } | { ok: false; error: string; fields?: Record<string, string> };

/** A server action as a component receives it: as a prop from its page (React's way), never imported from app/. */
export type ServerAction<I, T = undefined> = (input: I) => Promise<ActionResult<T>>;
