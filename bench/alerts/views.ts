// The four views of figure 2 as /alerts query strings.
import { createClient } from "@libsql/client";

export const PAGE_SIZE = 50;
export type View = { name: string; query: Record<string, string> };

export /** The four views, with a searched order number and page 500's cursor taken from the data itself. */
async function chooseViews(dbFile: string): Promise<View[]> {
  const client = createClient({ url: `file:${dbFile}` });
  try {
    const searched = await client.execute(
      "SELECT order_number FROM alerts WHERE state = 'open' AND order_number IS NOT NULL AND account_id = 101 ORDER BY id LIMIT 1",
    );
    const orderNumber = String(searched.rows[0]!.order_number).replace(/^#/, "");
    const pageFilter = { state: "resolved", kind: "order_send_failed" };
    // The cursor of page 500 is the last row of page 499.
    const cursor = await client.execute({
      sql: "SELECT last_seen_at, id FROM alerts WHERE state = ? AND kind = ? ORDER BY last_seen_at DESC, id DESC LIMIT 1 OFFSET ?",
      args: [pageFilter.state, pageFilter.kind, 499 * PAGE_SIZE - 1],
    });
    const after = `${cursor.rows[0]!.last_seen_at}.${cursor.rows[0]!.id}`;
    return [
      { name: "default view", query: {} },
      { name: "kind filter", query: { kind: "tracking_push_failed" } },
      { name: "order-number search", query: { q: orderNumber } },
      { name: "page 500 of a filter", query: { ...pageFilter, after } },
    ];
  } finally {
    client.close();
  }
}
