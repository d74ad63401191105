-- The Orders page's search (part of an order number or of a line's SKU) through a trigram index: a LIKE
-- '%…%' read every order in scope, ~20 s at 2,000,000 orders. One row per order, rowid = orders.id, its
-- terms the order number and each SKU on lines of their own (a search never spans two of them). Contentless:
-- the text stays in orders; the triggers keep the index in step with it.
CREATE VIRTUAL TABLE `orders_search` USING fts5(terms, tokenize = 'trigram', content = '', contentless_delete = 1);
--> statement-breakpoint
INSERT INTO orders_search (rowid, terms)
  SELECT id, order_number || char(10) || coalesce((SELECT group_concat(json_extract(line.value, '$.sku'), char(10)) FROM json_each(orders.lines) AS line), '')
  FROM orders;
--> statement-breakpoint
CREATE TRIGGER `orders_search_insert` AFTER INSERT ON `orders` BEGIN
  INSERT INTO orders_search (rowid, terms)
    VALUES (NEW.id, NEW.order_number || char(10) || coalesce((SELECT group_concat(json_extract(line.value, '$.sku'), char(10)) FROM json_each(NEW.lines) AS line), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `orders_search_update` AFTER UPDATE OF order_number, lines ON `orders`
  WHEN OLD.order_number IS NOT NEW.order_number OR OLD.lines IS NOT NEW.lines BEGIN
  DELETE FROM orders_search WHERE rowid = OLD.id;
  INSERT INTO orders_search (rowid, terms)
    VALUES (NEW.id, NEW.order_number || char(10) || coalesce((SELECT group_concat(json_extract(line.value, '$.sku'), char(10)) FROM json_each(NEW.lines) AS line), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `orders_search_delete` AFTER DELETE ON `orders` BEGIN
  DELETE FROM orders_search WHERE rowid = OLD.id;
END;
