import type { Db } from "@/db/client";
import type { Send } from "../connectors/send";
import type { Actor } from "../retry/actor";
import { DEFAULT_RETRY_SETTINGS, type RetrySettings } from "../retry/policy";
import type { Scope } from "../tenancy/scope";

/**
 * What the engine needs to send records and write what happened: one context, built once at the edge (a job
 * run, a webhook's processing, a person's action) and passed down as `ctx` unchanged — from `processConnection`
 * or `resendOrder` through `attemptDelivery` and the group commit to the rows written.
 */
export type EngineContext = {
  db: Db;
  /** The time the engine acts at: due-ness, windows, leases and history use it; nothing deeper reads the clock. */
  now: Date;
  send: Send;
  /** Names the lease holder (docs/rules.md#r7): unique per worker process, task run or person's action. */
  owner: string;
  /** Who acts, recorded in alert history; the system when omitted (a job). */
  actor?: Actor;
  /** The retry policy's numbers; DEFAULT_RETRY_SETTINGS when omitted. */
  settings?: RetrySettings;
};

/**
 * What a verb a person (or a connector's event acting for its merchant) calls needs: the engine's context, what
 * the caller may see (every query filters by it; another tenant's record is not found) and who they are.
 * Verbs take it first and their input second: `resendOrder(ctx, { orderId, seenVersion })`. A verb that
 * neither sends nor leases asks only for the part it uses (`Pick<CoreContext, "db" | "scope" | "actor" | "now">`).
 */
export type CoreContext = EngineContext & {
  scope: Scope;
  actor: Actor;
  /** The zone the acting person reads times in, for the messages a verb answers them with (docs/rules.md#t3); UTC when omitted. */
  timeZone?: string;
};

/** The zone a verb writes times in for the person it answers. */
export function readerZone(ctx: Pick<CoreContext, "timeZone">): string {
  return ctx.timeZone ?? "UTC";
}

export function retrySettings(ctx: Pick<EngineContext, "settings">): RetrySettings {
  return ctx.settings ?? DEFAULT_RETRY_SETTINGS;
}
