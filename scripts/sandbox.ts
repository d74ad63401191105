// `npm run sandbox`: the demo connections' WMS and cart on SANDBOX_PORT (default 4010), with the
// control page at / where a person switches failures on and off. Logs one line per request.
import { createSandboxServer } from "@/lib/sandbox/server";

const port = Number(process.env.SANDBOX_PORT ?? 4010);
const host = process.env.SANDBOX_HOST ?? "127.0.0.1";
const sandbox = createSandboxServer({ log: true });
const { url } = await sandbox.listen(port, host);
console.log(`Sandbox connector: ${url} (switch failures at /)`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
