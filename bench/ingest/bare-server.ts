// The same verify + insert as the bench route, on a bare node:http server: the figure for the record of
// what the work costs without a framework. Started by bench/ingest.ts with the database file as argument.
import http from "node:http";
import { openDatabase } from "@/db/client";
import { createVerifyInsert } from "./verify-insert";

const [file, port] = process.argv.slice(2);
const verifyInsert = createVerifyInsert(openDatabase(`file:${file}`).db);
const PATH = /^\/api\/webhooks\/(\d+)$/;

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const match = PATH.exec(req.url ?? "");
    const headers = Object.fromEntries(
      ["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, String(req.headers[h] ?? "")]),
    );
    const answer = match
      ? verifyInsert(Number(match[1]), headers, Buffer.concat(chunks).toString())
      : Promise.resolve<{ status: number; id?: number }>({ status: 404 });
    answer
      .then(({ status, id }) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(id ? { id } : { error: { code: "rejected" } }));
      })
      .catch((error: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "internal_error", message: String(error) } }));
      });
  });
});
server.listen(Number(port), "127.0.0.1", () => console.log(`bare verify+insert server on ${port}`));
