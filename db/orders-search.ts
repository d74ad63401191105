/**
 * Fills the Orders page's search index (orders_search, migration 0008) from the orders, as the migration does
 * and its triggers keep it: for loads that run with the triggers off (the benchmark's generator). Expects an
 * empty index.
 */
export const FILL_ORDERS_SEARCH_SQL = `INSERT INTO orders_search (rowid, terms)
  SELECT id, order_number || char(10) || coalesce((SELECT group_concat(json_extract(line.value, '$.sku'), char(10)) FROM json_each(orders.lines) AS line), '')
  FROM orders`;
