/**
 * How often a product category is bought again, measured on order history: the check of a category's
 * durability setting (durable: bought once in years; replenished: bought again) against the data.
 *
 * A buyer's purchases of a category are reduced to distinct UTC days; a repeat is a later day, and the
 * gaps are the days between consecutive purchase days. Two steps, so that the first can be stored (it
 * does not depend on the setting) and the second recomputed for any replacement cycle:
 *   categoryHistogram(purchases) -> buyers, repeat buyers, gap lengths and each buyer's shortest gap
 *   repurchaseStats(histogram, cycleDays) -> shares, within-cycle share and the median gap
 * Pure: no Prisma, no React.
 */

export const DAY_MS = 86_400_000;

/** Repeat purchases are counted within this many days when the category has no replacement cycle. */
export const DEFAULT_WINDOW_DAYS = 365;

export interface RepurchaseHistogram {
  category: string;
  buyers: number;
  /** Buyers of the category on two or more different days. */
  repeatBuyers: number;
  /** Gap length in days -> how many times a buyer's next purchase day came that many days after the previous one. */
  gaps: Map<number, number>;
  /** Gap length in days -> how many repeat buyers have that as their shortest gap. */
  shortestGaps: Map<number, number>;
}

export interface RepurchaseStats {
  buyers: number;
  repeatBuyers: number;
  /** Share of buyers who bought the category again on a later day. */
  repeatShare: number | null;
  /** The window of `withinShare`: the replacement cycle, or DEFAULT_WINDOW_DAYS when there is none. */
  windowDays: number;
  withinBuyers: number;
  /** Share of buyers who bought the category again at most windowDays after an earlier purchase of it. */
  withinShare: number | null;
  /** Median of all gaps between consecutive purchase days (null without repeats). */
  medianGapDays: number | null;
}

export const utcDay = (at: Date | number) => Math.floor((typeof at === "number" ? at : at.getTime()) / DAY_MS);

function bump(m: Map<number, number>, k: number, by = 1) {
  m.set(k, (m.get(k) ?? 0) + by);
}

/**
 * One category's histogram from its purchases, in any order (several per day count once).
 * `day` is a day number (utcDay of the order's instant).
 */
export function categoryHistogram(category: string, purchases: Iterable<{ accountId: string; day: number }>): RepurchaseHistogram {
  const days = new Map<string, number[]>();
  for (const p of purchases) {
    const list = days.get(p.accountId);
    if (list) list.push(p.day);
    else days.set(p.accountId, [p.day]);
  }
  const h: RepurchaseHistogram = { category, buyers: days.size, repeatBuyers: 0, gaps: new Map(), shortestGaps: new Map() };
  for (const list of days.values()) addBuyerDays(h, list);
  return h;
}

/**
 * Histograms of every category from order lines streamed one at a time in any order (the scoring run's
 * single pass over the history feeds it). Memory: one number per (account, category) bought on one day,
 * an array for the others.
 */
export class RepurchaseAccumulator {
  private readonly categories: string[] = [];
  private readonly categoryIndex = new Map<string, number>();
  private readonly productCategory = new Map<string, number>();
  private readonly accountIndex = new Map<string, number>();
  private readonly days = new Map<number, number | number[]>();

  /** `categoryOf` names each product's category (every category named here is reported, bought or not). */
  constructor(categoryOf: Iterable<readonly [productId: string, category: string]>) {
    for (const [productId, category] of categoryOf) {
      let c = this.categoryIndex.get(category);
      if (c === undefined) {
        c = this.categories.length;
        this.categories.push(category);
        this.categoryIndex.set(category, c);
      }
      this.productCategory.set(productId, c);
    }
  }

  /** One purchase (a line with a positive quantity); products of no known category are ignored. */
  add(accountId: string, productId: string, day: number): void {
    const c = this.productCategory.get(productId);
    if (c === undefined) return;
    let a = this.accountIndex.get(accountId);
    if (a === undefined) {
      a = this.accountIndex.size;
      this.accountIndex.set(accountId, a);
    }
    const key = a * this.categories.length + c;
    const seen = this.days.get(key);
    if (seen === undefined) this.days.set(key, day);
    else if (typeof seen === "number") {
      if (seen !== day) this.days.set(key, [seen, day]);
    } else seen.push(day);
  }

  histograms(): RepurchaseHistogram[] {
    const C = this.categories.length;
    const out = this.categories.map((category): RepurchaseHistogram => ({ category, buyers: 0, repeatBuyers: 0, gaps: new Map(), shortestGaps: new Map() }));
    for (const [key, seen] of this.days) {
      const h = out[key % C];
      h.buyers++;
      if (typeof seen === "number") continue;
      addBuyerDays(h, seen);
    }
    return out.sort((x, y) => x.category.localeCompare(y.category));
  }
}

/** One buyer's purchase days of a category (any order, repeats allowed) into its histogram. */
function addBuyerDays(h: RepurchaseHistogram, list: number[]) {
  if (list.length > 1) list.sort((a, b) => a - b);
  let shortest = Infinity;
  for (let i = 1; i < list.length; i++) {
    const gap = list[i] - list[i - 1];
    if (gap === 0) continue;
    bump(h.gaps, gap);
    if (gap < shortest) shortest = gap;
  }
  if (shortest !== Infinity) {
    h.repeatBuyers++;
    bump(h.shortestGaps, shortest);
  }
}

/** The median of a multiset given as value -> count (the mean of the two middle values for an even count). */
export function medianOfCounts(counts: ReadonlyMap<number, number>): number | null {
  const entries = [...counts].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  // 0-based positions of the middle value(s).
  const lo = Math.floor((total - 1) / 2);
  const hi = Math.floor(total / 2);
  let seen = 0;
  let loValue: number | null = null;
  for (const [value, n] of entries) {
    if (loValue === null && lo < seen + n) loValue = value;
    if (hi < seen + n) return ((loValue ?? value) + value) / 2;
    seen += n;
  }
  return loValue;
}

export function repurchaseStats(h: Pick<RepurchaseHistogram, "buyers" | "repeatBuyers" | "gaps" | "shortestGaps">, cycleDays: number | null): RepurchaseStats {
  const windowDays = cycleDays && cycleDays > 0 ? cycleDays : DEFAULT_WINDOW_DAYS;
  let withinBuyers = 0;
  for (const [gap, n] of h.shortestGaps) if (gap <= windowDays) withinBuyers += n;
  return {
    buyers: h.buyers,
    repeatBuyers: h.repeatBuyers,
    repeatShare: h.buyers ? h.repeatBuyers / h.buyers : null,
    windowDays,
    withinBuyers,
    withinShare: h.buyers ? withinBuyers / h.buyers : null,
    medianGapDays: medianOfCounts(h.gaps),
  };
}

export type Durability = "DURABLE" | "REPLENISHED";

/** Below this many buyers the data is too thin to contradict a setting. */
export const MIN_BUYERS_TO_JUDGE = 30;
/** A durable category is flagged when at least this share of its buyers bought it again within the cycle. */
export const DURABLE_MAX_WITHIN_SHARE = 0.2;
/** A replenished category is flagged when fewer than this share of its buyers ever bought it again. */
export const REPLENISHED_MIN_REPEAT_SHARE = 0.05;

export type PolicyCheck =
  | { kind: "ok" }
  | { kind: "too-few-buyers"; buyers: number }
  | { kind: "durable-repurchased"; withinShare: number; windowDays: number }
  | { kind: "replenished-not-repurchased"; repeatShare: number };

/** Whether the order data contradicts the category's durability setting (thresholds above). */
export function checkPolicy(durability: Durability, s: RepurchaseStats): PolicyCheck {
  if (s.buyers < MIN_BUYERS_TO_JUDGE) return { kind: "too-few-buyers", buyers: s.buyers };
  if (durability === "DURABLE" && (s.withinShare ?? 0) >= DURABLE_MAX_WITHIN_SHARE) return { kind: "durable-repurchased", withinShare: s.withinShare ?? 0, windowDays: s.windowDays };
  if (durability === "REPLENISHED" && (s.repeatShare ?? 0) < REPLENISHED_MIN_REPEAT_SHARE) return { kind: "replenished-not-repurchased", repeatShare: s.repeatShare ?? 0 };
  return { kind: "ok" };
}
