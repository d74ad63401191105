type ListedConnection = { id: number; name: string; platform: string; merchantId: number; merchantName: string };

/** More connections than this are not listed until a merchant is chosen (a warehouse may serve hundreds). */
export const MAX_CONNECTION_OPTIONS = 40;

/**
 * The Alerts tab's connection choices. A warehouse user sees each connection with its merchant, since every
 * merchant has its own "Northwind WMS"; with a merchant chosen, only that merchant's. A long list waits for
 * a merchant to be chosen first (the one already filtered on stays listed).
 */
export function connectionOptions(
  connections: ListedConnection[],
  view: { warehouseUser: boolean; merchant?: number; connection?: number },
) {
  const label = (c: ListedConnection) => (view.warehouseUser ? `${c.merchantName} — ${c.name}` : `${c.name} (${c.platform})`);
  const mine = view.merchant ? connections.filter((c) => c.merchantId === view.merchant) : connections;
  if (mine.length <= MAX_CONNECTION_OPTIONS) return { options: mine.map((c) => ({ id: c.id, name: label(c) })), hint: null };
  const current = connections.filter((c) => c.id === view.connection);
  return { options: current.map((c) => ({ id: c.id, name: label(c) })), hint: `Choose a merchant to list its ${mine.length} connections` };
}
