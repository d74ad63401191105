// How an order alert tells its ship-by (docs/ship-by.md#urgency): "misses ship-by in 2 h 10 min".
const MIN = 60_000;

export type ShipByLine = { text: string; tone: "late" | "soon" | "later"; dueAt: Date };

/** "2 h 10 min", "45 min", "3 days 4 h". */
export function formatTimeLeft(ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / MIN));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? "day" : "days"}${hours % 24 ? ` ${hours % 24} h` : ""}`;
}

/**
 * An open order alert's ship-by against now: "misses ship-by in 2 h 10 min" (unless it is fixed), "missed ship-by 40 min
 * ago". Within the lead time it is "soon" (the tone the tab and the email share).
 */
export function shipByLine(shipBy: Date | null, now: Date, leadMinutes = 120): ShipByLine | null {
  if (!shipBy) return null;
  const left = shipBy.getTime() - now.getTime();
  if (left <= 0) return { text: `Missed ship-by ${formatTimeLeft(left)} ago`, tone: "late", dueAt: shipBy };
  return { text: `Misses ship-by in ${formatTimeLeft(left)}`, tone: left <= leadMinutes * MIN ? "soon" : "later", dueAt: shipBy };
}
