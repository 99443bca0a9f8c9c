/**
 * Measures of the offers a scoring run queued, on plain rows (the script and the tests load them):
 * the share of queued offers that are durable substitutes (a product of a durable category the account
 * bought within the lookback, 180 days by default), and per category the repurchase rate (buyers who
 * bought the category again on a later day / buyers), which is how durability is checked against data.
 */

export interface Purchase {
  accountId: string;
  productId: string;
  /** Day number (epoch days) of the order. */
  day: number;
}

export interface CategoryInfo {
  category: string;
  durable: boolean;
}

export interface SubstituteReport {
  offers: number;
  substitutes: number;
  share: number;
  /** Substitutes by category. */
  byCategory: Record<string, number>;
}

export function durableSubstitutes(
  offers: readonly { accountId: string; productId: string }[],
  purchases: readonly Purchase[],
  productCategory: ReadonlyMap<string, CategoryInfo>,
  asOfDay: number,
  lookbackDays = 180,
): SubstituteReport {
  const recent = new Set<string>();
  for (const p of purchases) {
    const info = productCategory.get(p.productId);
    if (info?.durable && p.day < asOfDay && p.day >= asOfDay - lookbackDays) recent.add(`${p.accountId}\u0000${info.category}`);
  }
  let substitutes = 0;
  const byCategory: Record<string, number> = {};
  for (const o of offers) {
    const info = productCategory.get(o.productId);
    if (info?.durable && recent.has(`${o.accountId}\u0000${info.category}`)) {
      substitutes++;
      byCategory[info.category] = (byCategory[info.category] ?? 0) + 1;
    }
  }
  return { offers: offers.length, substitutes, share: offers.length ? substitutes / offers.length : 0, byCategory };
}

export interface RepurchaseRate {
  category: string;
  durable: boolean;
  buyers: number;
  /** Buyers with purchases of the category on two or more different days. */
  repeatBuyers: number;
  rate: number;
}

export function repurchaseRates(purchases: readonly Purchase[], productCategory: ReadonlyMap<string, CategoryInfo>): RepurchaseRate[] {
  const days = new Map<string, Set<number>>();
  for (const p of purchases) {
    const info = productCategory.get(p.productId);
    if (!info) continue;
    const key = `${info.category}\u0000${p.accountId}`;
    if (!days.has(key)) days.set(key, new Set());
    days.get(key)!.add(p.day);
  }
  const out = new Map<string, RepurchaseRate>();
  for (const info of productCategory.values()) if (!out.has(info.category)) out.set(info.category, { category: info.category, durable: info.durable, buyers: 0, repeatBuyers: 0, rate: 0 });
  for (const [key, d] of days) {
    const r = out.get(key.split("\u0000")[0])!;
    r.buyers++;
    if (d.size >= 2) r.repeatBuyers++;
  }
  for (const r of out.values()) r.rate = r.buyers ? r.repeatBuyers / r.buyers : 0;
  return [...out.values()].sort((x, y) => x.category.localeCompare(y.category));
}
