/**
 * The dashboard's KPI formulas (docs: product brief, "KPIs"), as pure functions of counts and sums.
 * A ratio with a zero denominator is null ("no data"), never 0, so an empty period is not a bad one.
 * Money is in whole currency units or cents as the caller passes it; the formulas do not care.
 */

function ratio(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}

/** Attach rate of a pair A -> B: orders containing A and B / orders containing A. */
export function attachRate(ordersWithBoth: number, ordersWithSource: number): number | null {
  return ratio(ordersWithBoth, ordersWithSource);
}

/** Cross-sell conversion rate: opportunities won / opportunities contacted. */
export function conversionRate(won: number, contacted: number): number | null {
  return ratio(won, contacted);
}

/** Cross-sell revenue share: revenue of won cross-sell opportunities / total revenue in the period. */
export function crossSellRevenueShare(crossSellRevenue: number, totalRevenue: number): number | null {
  return ratio(crossSellRevenue, totalRevenue);
}

/** Average order value: revenue / orders. */
export function averageOrderValue(revenue: number, orders: number): number | null {
  return ratio(revenue, orders);
}

/** Products per customer: distinct (customer, product) pairs bought / distinct buying customers. */
export function productsPerCustomer(distinctCustomerProducts: number, customers: number): number | null {
  return ratio(distinctCustomerProducts, customers);
}

/** Return rate of cross-sold items: returned quantity / sold quantity on cross-sold lines. */
export function returnRate(returnedQuantity: number, soldQuantity: number): number | null {
  return ratio(returnedQuantity, soldQuantity);
}

/** Relative change against the previous period; null without a previous value to compare with. */
export function periodChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}

export interface UpliftGroupTotals {
  accounts: number;
  /** accounts that bought an offered product within the run's window */
  buyers: number;
  /** revenue and gross profit of the offered products those accounts bought in the window */
  revenue: number;
  grossProfit: number;
}

export interface IncrementalFigures {
  /** (treated rate - holdout rate) x treated accounts */
  buyers: number | null;
  /** (revenue per treated account - revenue per holdout account) x treated accounts */
  revenue: number | null;
  grossProfit: number | null;
  /** contacts x cost per contact */
  outreachCost: number;
  /** (incremental gross profit - outreach cost) / outreach cost */
  roi: number | null;
}

/**
 * Incremental outcomes of the treated group over what the holdout's rates predict for it (intent to treat:
 * per-account averages of each group, scaled to the treated group's size).
 */
export function incrementalFigures(treated: UpliftGroupTotals, holdout: UpliftGroupTotals, contacts: number, costPerContact: number): IncrementalFigures {
  const scaled = (t: number, h: number) =>
    treated.accounts > 0 && holdout.accounts > 0 ? (t / treated.accounts - h / holdout.accounts) * treated.accounts : null;
  const grossProfit = scaled(treated.grossProfit, holdout.grossProfit);
  const outreachCost = contacts * costPerContact;
  return {
    buyers: scaled(treated.buyers, holdout.buyers),
    revenue: scaled(treated.revenue, holdout.revenue),
    grossProfit,
    outreachCost,
    roi: roi(grossProfit, outreachCost),
  };
}

/** ROI = (incremental gross profit - outreach cost) / outreach cost; null without any cost. */
export function roi(incrementalGrossProfit: number | null, outreachCost: number): number | null {
  if (incrementalGrossProfit === null || !(outreachCost > 0)) return null;
  return (incrementalGrossProfit - outreachCost) / outreachCost;
}

/** Attach rates counted from baskets (each order's product ids): the reference the daily facts are checked against. */
export function attachRateFromOrders(orders: readonly (readonly string[])[], source: string, target: string): number | null {
  let withSource = 0;
  let withBoth = 0;
  for (const order of orders) {
    if (!order.includes(source)) continue;
    withSource++;
    if (order.includes(target)) withBoth++;
  }
  return attachRate(withBoth, withSource);
}
