// A digest run in its own process, for tests that kill it with SIGKILL (lib/notify/send-digests-crash.test.ts).
// Arguments: the database URL (a file or a libSQL server), the run's time, and where to kill itself: `none`, `render:<n>` (after
// rendering n digests), `before-batch:<n>` (batch n is planned in the outbox, its request not yet sent) or
// `after-answer:<n>` (Resend answered batch n, the answer not yet recorded). The real Resend SDK is pointed
// at a stand-in by the environment (RESEND_BASE_URL); the parent may also kill this process while the
// stand-in holds a request.
import { openDatabase } from "@/db/client";
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
const render = deps.render;
deps.render = async (email) => {
  const out = await render(email);
  if (point === "render" && ++rendered === n) die();
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
