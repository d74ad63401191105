// A digest run in its own process, for tests that kill it with SIGKILL (lib/notify/send-digests-crash.test.ts).
// Arguments: the database URL (a file or a libSQL server), the run's time, and where to kill itself: `none`, `render:<n>` (after
// rendering n digests, once every batch before the one being rendered is answered and recorded: the point is
// mid-rendering, never mid-delivery, however slow the database), `before-batch:<n>` (batch n is planned in the outbox, its request not yet sent) or
// `after-answer:<n>` (Resend answered batch n, the answer not yet recorded). The real Resend SDK is pointed
// at a stand-in by the environment (RESEND_BASE_URL); the parent may also kill this process while the
// stand-in holds a request.
import { setTimeout as sleep } from "node:timers/promises";
import { openDatabase } from "@/db/client";
import { alertContacts } from "@/db/schema";
import { emailDeps } from "@/jobs/email-deps";
import { sendDigests } from "@/lib/notify/send-digests";

const [url, at, crash = "none"] = process.argv.slice(2);
const [point, nth] = crash.split(":");
const n = Number(nth);
const die = () => process.kill(process.pid, "SIGKILL");

const { db } = openDatabase(url);
const deps = emailDeps(new Date(at!));
let rendered = 0;
let batches = 0;

// A batch is recorded when its contacts are marked digested (lib/notify/send-digests.ts#batchSender), the
// batch's last write: count the contacts whose mark changed since this run began.
const BATCH = 100;
const marksAtStart = new Map((await db.select().from(alertContacts)).map((c) => [c.id, c.lastDigestAt?.getTime()]));
async function earlierBatchesRecorded(renderedSoFar: number) {
  const earlier = Math.floor((renderedSoFar - 1) / BATCH) * BATCH;
  for (;;) {
    const marked = (await db.select().from(alertContacts)).filter((c) => marksAtStart.get(c.id) !== c.lastDigestAt?.getTime());
    if (marked.length >= earlier) return;
    await sleep(10);
  }
}

const render = deps.render;
deps.render = async (email) => {
  const out = await render(email);
  if (point === "render" && ++rendered === n) {
    await earlierBatchesRecorded(rendered);
    die();
  }
  return out;
};
const sendBatch = deps.transport.sendBatch;
deps.transport = {
  ...deps.transport,
  async sendBatch(emails, key) {
    const batch = ++batches;
    if (point === "before-batch" && batch === n) die();
    const answer = await sendBatch(emails, key);
    if (point === "after-answer" && batch === n) die();
    return answer;
  },
};
const summary = await sendDigests(db, deps);
process.stdout.write(`${JSON.stringify(summary)}\n`);
process.exit(0);
