import type { DbOrTx } from "@/db/client";
import type { Connection } from "@/db/schema";
import type { Scope } from "../tenancy/scope";

/** What applying one event needs: the open transaction, the connection that sent it and its merchant's scope. */
export type ApplyContext = { tx: DbOrTx; connection: Connection; scope: Scope; now: Date };

/** What to send once the event's changes are committed; until then nothing leaves Fixline. */
export type FollowUp = {
  /** New or updated deliveries to attempt at once (claimed first, so never twice at a time). */
  attempt: number[];
  /** Orders a person would resend now (docs/rules.md#r5): an update of a held, failed or skipped order. */
  resend: number[];
};

export const NOTHING_TO_SEND: FollowUp = { attempt: [], resend: [] };
