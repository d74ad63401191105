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

/** The event is valid but cannot be applied (e.g. a shipment for an order Fixline does not know). */
export class UnprocessableEvent extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnprocessableEvent";
  }
}

/** The record is being sent right now: leave the event accepted; the sweep applies it once the send is done. */
export class ApplyLater extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ApplyLater";
  }
}
