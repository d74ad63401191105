import { openDatabase } from "@/db/client";
const d = openDatabase("file:data/bench/sweep-5000-1.db");
for (const sql of [
  "update alerts set state = 'resolved', resolved_at = 1 where state = 'open' and delivery_id in (1,2,3) returning id, delivery_id",
  "update orders set status = 'at_wms', updated_at = 1 where id in (1,2,3) and status not in ('shipped','canceled')",
  "select * from orders where id in (1,2,3)",
])
  console.log(
    sql.slice(0, 40),
    (await d.client.execute("EXPLAIN QUERY PLAN " + sql)).rows.map((r) => r.detail),
  );
