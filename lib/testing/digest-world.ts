import type { Db } from "@/db/client";
import { accounts, alertContacts, alerts } from "@/db/schema";

const HOUR = 3_600_000;

/**
 * A warehouse serving `n` merchants, each with one daily contact (`c{i}@m.example`, last digest a day before
 * `now`) and three open alerts, one of them new since that digest.
 */
export async function digestWorld(db: Db, n: number, now: Date) {
  const created = new Date(now.getTime() - 30 * 24 * HOUR);
  const [warehouse] = await db.insert(accounts).values({ kind: "warehouse", name: "3PL", createdAt: created }).returning();
  const merchants = await db
    .insert(accounts)
    .values(
      Array.from({ length: n }, (_, i) => ({ kind: "merchant" as const, name: `M${i}`, warehouseId: warehouse!.id, createdAt: created })),
    )
    .returning();
  const lastDigestAt = new Date(now.getTime() - 24 * HOUR);
  for (let i = 0; i < merchants.length; i += 300)
    await db.insert(alertContacts).values(
      merchants.slice(i, i + 300).map((m) => ({
        accountId: m.id,
        email: `c${m.name.slice(1)}@m.example`,
        frequency: "daily" as const,
        lastDigestAt,
        createdAt: created,
        updatedAt: created,
      })),
    );
  const rows = merchants.flatMap((m, i) =>
    [0, 1, 2].map((k) => ({
      accountId: m.id,
      kind: "order_send_failed" as const,
      message: "503",
      orderNumber: `#${i}-${k}`,
      firstSeenAt: new Date(now.getTime() - (k === 0 ? HOUR : 48 * HOUR)),
      lastSeenAt: new Date(now.getTime() - k * 60_000),
      dedupeKey: `t:${i}:${k}`,
    })),
  );
  for (let i = 0; i < rows.length; i += 300) await db.insert(alerts).values(rows.slice(i, i + 300));
  return { warehouse: warehouse!, merchants };
}
