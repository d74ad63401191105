// Wall-clock dates and hours in an IANA zone, and back: digests at a contact's hour, a snooze until a person's
// midnight. Across DST changes a skipped time falls an hour later; a repeated one is its first occurrence.

const partsFormats = new Map<string, Intl.DateTimeFormat>();
/** The wall-clock date and hour of `at` in `timeZone`, and the weekday (0 = Monday). */
export function localParts(at: number, timeZone: string) {
  let f = partsFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    });
    partsFormats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(p.weekday!);
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), min: Number(p.minute), weekday };
}

/** The instant a wall-clock time happens in `timeZone` (a time skipped by a DST change falls an hour later). */
export function zonedInstant(y: number, m: number, d: number, h: number, timeZone: string): number {
  const wall = Date.UTC(y, m - 1, d, h);
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const p = localParts(guess, timeZone);
    const diff = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min) - wall;
    if (diff === 0) break;
    guess -= diff;
  }
  return guess;
}

/** "2026-12-03": the date of `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  const p = localParts(at.getTime(), timeZone);
  return `${p.y}-${String(p.m).padStart(2, "0")}-${String(p.d).padStart(2, "0")}`;
}

/** The instant a date ("2026-12-03") begins in `timeZone`. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(zonedInstant(y, m, d, 0, timeZone));
}
