import type { Connection } from "@/db/schema";
import type { Outcome } from "../connectors/outcome";

/**
 * The outage rule, exact (docs/rules.md#r10): no more than `outageThreshold` requests go to a connection between its last answer
 * and the moment it counts as down, however many senders (a job's batch, webhook events applied in parallel, a
 * person's resend) want it at once. A send starts only while the failures seen since the last answer plus the
 * requests still in flight stay under the threshold — or when nothing is in flight, so a sender is never stuck —
 * and never once the connection is down, except as its probe. With events applied in parallel, 8 requests went out
 * before a connection counted as down (threshold 5); the gate makes it 5. The cost: at most `outageThreshold`
 * requests in flight per connection and process (5 × a 5 ms stand-in is 1,000 a second per connection).
 *
 * Per process: across processes a connection's sends are already one job run at a time (Trigger.dev `perKey: 1`),
 * and the database's count stays the truth that marks it down.
 */
type Gate = { inFlight: number; failures: number; down: boolean; waiters: (() => void)[] };

const gates = new Map<number, Gate>();

function gateOf(connection: Connection, threshold: number): Gate {
  let gate = gates.get(connection.id);
  if (!gate) {
    gate = { inFlight: 0, failures: connection.consecutiveTransientFailures, down: Boolean(connection.downSince), waiters: [] };
    gates.set(connection.id, gate);
  } else if (gate.inFlight === 0) {
    // Idle: the row the caller holds may know more (another process's answer or failures); keep the higher count.
    // It may also be older than what this gate saw — read before the failures that took the connection down were
    // written (on a libSQL server that is several round trips): 10 requests instead of 5 went out in
    // lib/retry/outage-threshold.test.ts on the test server. So a gate at the threshold stays down until a probe
    // through it is answered (every 5 minutes), even if another process saw the connection come back first.
    gate.failures = Math.max(gate.failures, connection.consecutiveTransientFailures);
    gate.down = Boolean(connection.downSince) || gate.failures >= threshold;
  }
  return gate;
}

/**
 * Runs `send` when the gate lets it start; `null` if the connection is down (or went down while this sender
 * waited) and this is not its probe — nothing was sent.
 */
export async function throughGate(
  connection: Connection,
  threshold: number,
  send: () => Promise<Outcome>,
  options: { probe?: boolean } = {},
): Promise<Outcome | null> {
  const gate = gateOf(connection, threshold);
  for (;;) {
    if (gate.down && !(options.probe && gate.inFlight === 0)) return null;
    if (gate.inFlight === 0 || gate.failures + gate.inFlight < threshold) break;
    await new Promise<void>((resolve) => gate.waiters.push(resolve));
  }
  gate.inFlight++;
  let outcome: Outcome | undefined;
  try {
    outcome = await send();
    return outcome;
  } finally {
    gate.inFlight--;
    if (outcome?.kind === "transient") {
      gate.failures++;
      if (gate.failures >= threshold) gate.down = true;
    } else if (outcome) {
      gate.failures = 0;
      gate.down = false;
    }
    // As many waiters wake as there are free slots (waking them all made every answer re-check every waiting
    // sender: 0.45 → 0.73 ms of CPU per record on the 10,000-record sweep); a connection gone down wakes them all,
    // to give up.
    const free = gate.down
      ? gate.waiters.length
      : gate.inFlight === 0
        ? Math.max(1, threshold - gate.failures)
        : threshold - gate.failures - gate.inFlight;
    for (const wake of gate.waiters.splice(0, Math.max(0, free))) wake();
  }
}

/** Forgets every gate: a test's fresh database reuses connection ids another test's gates describe. */
export function resetSendGates() {
  gates.clear();
}
