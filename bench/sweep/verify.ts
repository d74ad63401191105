import { openDatabase } from "@/db/client";
import type { StandInTally } from "./stand-in";

/** What went wrong in a sweep of `records` deliveries, from the stand-in's tally and the database; empty when nothing did. */
export async function verifySweep(file: string, records: number, tally: StandInTally): Promise<string[]> {
  const problems: string[] = [];
  if (tally.keys.size !== records) problems.push(`${tally.keys.size} distinct keys for ${records} records`);
  const repeated = [...tally.keys.values()].filter((n) => n !== 1).length;
  if (repeated) problems.push(`${repeated} keys sent more than once`);
  if (tally.maxInFlightPerKey > 1) problems.push(`one key was in flight ${tally.maxInFlightPerKey} times at once`);
  if (tally.malformed) problems.push(`${tally.malformed} malformed requests`);
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
