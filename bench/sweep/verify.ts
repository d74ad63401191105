import { openDatabase } from "@/db/client";
import type { StandInWms } from "../lib/stand-in-wms";

/** What went wrong in a sweep of `records` deliveries, from the stand-in's tally and the database; empty when nothing did. */
export async function verifySweep(file: string, records: number, standIn: StandInWms): Promise<string[]> {
  const problems: string[] = [];
  const stats = standIn.stats();
  if (stats.keys !== records) problems.push(`${stats.keys} distinct keys for ${records} records`);
  const repeated = [...standIn.keys.values()].filter((count) => count.sent !== 1).length;
  if (repeated) problems.push(`${repeated} keys sent more than once`);
  if (stats.sentTwiceAtOnce) problems.push(`${stats.sentTwiceAtOnce} keys were in flight twice at once`);
  if (stats.malformed) problems.push(`${stats.malformed} malformed requests`);
  const database = openDatabase(`file:${file}`);
  try {
    const count = async (sql: string) => Number((await database.client.execute(sql)).rows[0]![0]);
    const notDone = await count("select count(*) from deliveries where status <> 'succeeded' or lease_owner is not null");
    if (notDone) problems.push(`${notDone} deliveries not succeeded or still leased`);
    const notAtWms = await count("select count(*) from orders where status <> 'at_wms'");
    if (notAtWms) problems.push(`${notAtWms} orders not at_wms`);
    const open = await count("select count(*) from alerts where state = 'open'");
    if (open) problems.push(`${open} alerts still open`);
  } finally {
    database.client.close();
  }
  return problems;
}
