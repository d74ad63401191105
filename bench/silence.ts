// The silence rule against a year of generated traffic (docs/silence.md#how-often-it-is-wrong): hourly flows with
// daily and weekly seasonality, a holiday season, holidays and day-to-day noise, for connections of every size, with
// outages injected at random. The rule runs hour by hour as the watch-silence job would (its baseline relearnt each
// day); it prints detections, misses and false alarms per connection, and the false-alarm rate on the demo history.
//   SILENCE_SEED (default 16), SILENCE_OUTAGES per connection (default 10)
import { demoFlowCount } from "@/db/seed/seed-flow";
import { learnBaseline, type Baseline } from "@/lib/silence/baseline";
import { EXPECTED_MISSING, silenceVerdict, type Quiet } from "@/lib/silence/silence-rule";
import { isoDate, localParts } from "@/lib/ship-by/zoned-time";
import { writeResults, type Row } from "./lib/results";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TZ = "America/Chicago";
const START = Date.UTC(2026, 0, 5, 6); // Monday 5 Jan 2026, 00:00 in Chicago
const HOURS = 365 * 24;
const WARMUP_HOURS = 9 * 7 * 24; // history the baseline needs before the year is scored
const OUTAGES = Number(process.env.SILENCE_OUTAGES ?? 10);
let seed = Number(process.env.SILENCE_SEED ?? 16);
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;

function poisson(mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}
const gaussian = () => Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random());

type Profile = { name: string; kind: "cart" | "wms"; peak: number; weekend: number; closedOnHolidays: boolean; quiet: Quiet | null };
const PROFILES: Profile[] = [
  { name: "big Shopify store (peak 40/h)", kind: "cart", peak: 40, weekend: 0.8, closedOnHolidays: false, quiet: null },
  { name: "mid WooCommerce store (peak 6/h)", kind: "cart", peak: 6, weekend: 0.6, closedOnHolidays: false, quiet: null },
  { name: "B2B shop, closed weekends (peak 4/h)", kind: "cart", peak: 4, weekend: 0, closedOnHolidays: true, quiet: null },
  {
    name: "B2B shop, weekends set as quiet hours",
    kind: "cart",
    peak: 4,
    weekend: 0,
    closedOnHolidays: true,
    quiet: { weekdays: [0, 6], from: null, to: null },
  },
  { name: "small store (peak 1/h)", kind: "cart", peak: 1, weekend: 0.7, closedOnHolidays: false, quiet: null },
  { name: "tiny store (~10 a week)", kind: "cart", peak: 0.12, weekend: 1, closedOnHolidays: false, quiet: null },
  { name: "WMS shipments (peak 25/h)", kind: "wms", peak: 25, weekend: 0, closedOnHolidays: true, quiet: null },
];
const HOLIDAYS = [
  "2026-01-01",
  "2026-05-25",
  "2026-07-03",
  "2026-09-07",
  "2026-11-26",
  "2026-11-27",
  "2026-12-24",
  "2026-12-25",
  "2026-12-31",
];
const localDate = (t: number) => isoDate(localParts(new Date(t), TZ));

/** Orders (or shipments) expected in an hour: a daily curve, weekends, the holiday season, holidays, noise per day. */
function rate(p: Profile, t: number, dayNoise: number): number {
  // Shops and warehouses keep local clocks: the shape follows Chicago's, DST included.
  const local = localParts(new Date(t), TZ);
  const h = Math.floor(local.minutes / 60);
  const weekday = local.weekday;
  const daily = p.kind === "wms" ? (h >= 8 && h < 18 ? 1 : 0) : Math.max(0.04, Math.sin(((h - 6) / 18) * Math.PI)) * (h < 6 ? 0.25 : 1);
  const weekly = weekday === 0 || weekday === 6 ? p.weekend : 1;
  const month = local.month;
  const season = month === 11 || month === 12 ? 1.5 : month === 1 ? 0.8 : 1;
  const holiday = HOLIDAYS.includes(localDate(t)) ? (p.closedOnHolidays ? 0 : 0.35) : 1;
  return p.peak * daily * weekly * season * holiday * dayNoise;
}

type Outage = { from: number; to: number; detectedAt: number | null; lost: number };
type Score = { detected: number; missed: number; unseeable: number; falseAlarms: number; delays: number[] };

function simulate(p: Profile): Score & { watched: boolean } {
  const total = WARMUP_HOURS + HOURS;
  const first = START - WARMUP_HOURS * HOUR;
  // Outages: 2 h to 3 days, never overlapping, within the scored year. A WMS outage is a WMS that stops sending
  // shipments while orders still reach it (the watch checks that separately).
  const outages: Outage[] = [];
  while (outages.length < OUTAGES) {
    const from = START + Math.floor(random() * (HOURS - 80)) * HOUR + Math.floor(random() * HOUR);
    const to = from + Math.round((2 + random() * random() * 70) * HOUR);
    if (outages.every((o) => to + DAY < o.from || from > o.to + DAY)) outages.push({ from, to, detectedAt: null, lost: 0 });
  }
  outages.sort((a, b) => a.from - b.from);
  const counts = new Map<number, number>();
  const events: number[] = [];
  let noise = 1;
  for (let i = 0; i < total; i++) {
    const t = first + i * HOUR;
    if (i % 24 === 0) noise = Math.exp(0.25 * gaussian());
    const n = poisson(rate(p, t, noise));
    let kept = 0;
    for (let k = 0; k < n; k++) {
      const at = t + Math.floor(random() * HOUR);
      const outage = outages.find((o) => at >= o.from && at < o.to);
      if (outage) {
        outage.lost++;
        continue;
      }
      events.push(at);
      kept++;
    }
    if (kept) counts.set(Math.floor(t / HOUR), kept);
  }
  events.sort((a, b) => a - b);
  // The warehouse's holidays are quiet for every connection (docs/silence.md#rule); its weekends for the WMS.
  const quiet: Quiet = { weekdays: p.kind === "wms" ? [0, 6] : (p.quiet?.weekdays ?? []), from: null, to: null, dates: HOLIDAYS };
  const score: Score = { detected: 0, missed: 0, unseeable: 0, falseAlarms: 0, delays: [] };
  let baseline: Baseline | null = null;
  let e = 0;
  let alerting = false;
  let watched = false;
  // Every 15 minutes, as often as the job runs (every 5) would tell apart only to the minute.
  for (let t = START; t < START + HOURS * HOUR; t += HOUR / 4) {
    if (!baseline || (t - START) % DAY === 0) baseline = learnBaseline(counts, new Date(first), new Date(t), TZ);
    watched ||= baseline.ready;
    while (e < events.length && events[e]! <= t) e++;
    const last = e > 0 ? events[e - 1]! : first;
    const silent = silenceVerdict(baseline, {
      last: new Date(last),
      now: new Date(t),
      timeZone: TZ,
      quiet,
      sensitivity: "normal",
      counts,
    }).silent;
    if (silent && !alerting) {
      // Raised while an outage lasts (or at the check right after it): that outage's detection, however long
      // before it the last event came (an outage that starts at night follows the evening's last order).
      const outage = outages.find((o) => t >= o.from && t <= o.to + HOUR / 4);
      if (outage) outage.detectedAt ??= t;
      else score.falseAlarms++;
    }
    alerting = silent;
  }
  for (const o of outages) {
    // An outage that cost fewer events than the rule waits for (at night, over a closed weekend) cannot be seen.
    if (!o.detectedAt && o.lost < EXPECTED_MISSING.normal) score.unseeable++;
    else if (o.detectedAt) {
      score.detected++;
      score.delays.push((o.detectedAt - o.from) / HOUR);
    } else score.missed++;
  }
  return { ...score, watched };
}

/** The demo's history (db/seed/seed-flow.ts), scored like the generated year over its last five weeks, silence excluded. */
function demoFalseAlarms() {
  const now = Math.floor(Date.UTC(2026, 10, 25, 19, 7) / HOUR) * HOUR;
  const rows: Row[] = [];
  for (const [name, kind, silentCart] of [
    ["alderandoak.myshopify.com (the silent cart)", "cart", true],
    ["shop.brighttrail.example", "cart", false],
    ["Northwind WMS", "wms", false],
  ] as const) {
    const counts = new Map<number, number>();
    const first = now - 8 * 7 * DAY;
    const events: number[] = [];
    for (let t = first; t < now; t += HOUR) {
      const n = demoFlowCount(kind, silentCart, t / HOUR);
      if (n) counts.set(t / HOUR, n);
      for (let k = 0; k < n; k++) events.push(t + Math.floor(((k + 0.5) / n) * HOUR));
    }
    let alarms = 0;
    let checks = 0;
    let alerting = false;
    let e = 0;
    for (let t = first + 3 * 7 * DAY; t < now - 7 * HOUR; t += HOUR / 4) {
      const baseline = learnBaseline(counts, new Date(first), new Date(t), TZ);
      while (e < events.length && events[e]! <= t) e++;
      const last = events[e - 1] ?? first;
      const silent = silenceVerdict(baseline, {
        last: new Date(last),
        now: new Date(t),
        timeZone: TZ,
        quiet: null,
        sensitivity: "normal",
        counts,
      }).silent;
      if (silent && !alerting) alarms++;
      alerting = silent;
      checks++;
    }
    rows.push({
      connection: name,
      "checks (every 15 min, 5 weeks)": checks,
      "false alarms": alarms,
      "false-alarm rate": `${((alarms / checks) * 100).toFixed(2)} %`,
    });
  }
  return rows;
}

const started = performance.now();
const rows: Row[] = [];
const totals = { detected: 0, missed: 0, falseAlarms: 0 };
for (const profile of PROFILES) {
  const s = simulate(profile);
  const median = s.delays.sort((a, b) => a - b)[s.delays.length >> 1];
  totals.detected += s.detected;
  totals.missed += s.missed;
  totals.falseAlarms += s.falseAlarms;
  rows.push({
    connection: profile.name,
    watched: s.watched ? "yes" : "no (below the floor)",
    outages: OUTAGES,
    "outages too small to see": s.unseeable,
    detected: s.detected,
    missed: s.missed,
    "false alarms (a year)": s.falseAlarms,
    "median time to detect": median === undefined ? "—" : `${median.toFixed(1)} h`,
  });
  console.log(`${profile.name}: ${s.detected} detected, ${s.missed} missed, ${s.falseAlarms} false alarms`);
}
const demo = demoFalseAlarms();
console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
writeResults(
  "silence",
  "Silence rule — a year of generated traffic, and the demo history",
  [
    { title: `A year per connection (${OUTAGES} injected outages of 2 h – 3 days each, sensitivity normal, checked every 15 min)`, rows },
    { title: "The demo history (db/seed/seed-flow.ts), its last 5 weeks before the silence", rows: demo },
  ],
  [
    `Traffic: hourly Poisson counts of a daily curve × weekends × a holiday season (Nov–Dec ×1.5, Jan ×0.8) × holidays (closed, or ×0.35 for shops) × a day-to-day factor (lognormal, σ 0.25); 9 weeks of history before the scored year; seed ${process.env.SILENCE_SEED ?? 16}.`,
    `A detection is the alert raised during an outage; "too small to see", an outage that cost fewer orders than the rule waits for (${EXPECTED_MISSING.normal}: at night, over a closed weekend, at a tiny store) and raised nothing; a miss, any other outage that ended without an alert; a false alarm, an alert raised outside every outage. Totals: ${totals.detected} detected, ${totals.missed} missed, ${totals.falseAlarms} false alarms.`,
  ],
);
