// The scheduled jobs of Fixline and the context they run with outside Trigger.dev's task runtime.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { getDb } from "@/db/client";
import { httpSender } from "@/lib/connectors/send";
import { retryOrders } from "@/jobs/retry-orders";
import { sendAlertEmailsJob } from "@/jobs/send-alert-emails";
import { sendDigestsJob } from "@/jobs/send-digests";
import { syncConnections } from "@/jobs/sync-connections";
import { watchSilenceJob } from "@/jobs/watch-silence";
import type { JobContext, JobDefinition } from "@/jobs/types";

export const JOBS: readonly JobDefinition[] = [retryOrders, syncConnections, sendAlertEmailsJob, sendDigestsJob, watchSilenceJob];

export function jobById(id: string): JobDefinition | undefined {
  return JOBS.find((job) => job.id === id);
}

/** A lease-holder name unique to this process and this run, e.g. `local:web-1:4121:9f2c01ab`. */
export function localOwner(): string {
  return `local:${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/** A context for one job run; anything not overridden is the process default (and only then created). */
export function jobContext(overrides: Partial<JobContext> = {}): JobContext {
  return {
    db: overrides.db ?? getDb(),
    now: overrides.now ?? new Date(),
    send: overrides.send ?? httpSender(),
    owner: overrides.owner ?? localOwner(),
    log: overrides.log ?? ((message) => console.log(message)),
  };
}
