// `npm run sandbox`: the demo connections' WMS and cart on SANDBOX_PORT (default 4010), with the
// control page at / where a person switches failures on and off. Logs one line per request.
import { readEnv } from "@/lib/config/env";
import { createSandboxServer } from "@/lib/sandbox/server";

const { SANDBOX_PORT: port, SANDBOX_HOST: host } = readEnv();
const sandbox = createSandboxServer({ log: true });
const { url } = await sandbox.listen(port, host);
console.log(`Sandbox connector: ${url} (switch failures at /)`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
