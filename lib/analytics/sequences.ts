/** Customer-level sequential patterns "bought A, then bought B within N days" (see item-neighbors.ts). */
import type { Baskets } from "./baskets";
import { buildHistory } from "./customer-history";
import { buildNeighbors } from "./item-neighbors";
import type { LineTable } from "./line-table";

export interface SequencePattern {
  antecedent: string;
  consequent: string;
  /** Customers whose first B purchase came 1..windowDays days after their first A purchase. */
  customers: number;
  /** Exposure-weighted A buyers who did not own B yet (the denominator of confidence). */
  antecedentCustomers: number;
  confidence: number;
  /** B's base rate: P(first B purchase within windowDays of a customer's first order). */
  baseRate: number;
  lift: number | null;
  medianLagDays: number;
}

export interface SequenceOptions {
  windowDays?: number;
  minCustomers?: number;
  /** Only lines before this day (default: all). */
  endDay?: number;
  baskets?: Baskets;
}

export function mineSequences(t: LineTable, options: SequenceOptions = {}): SequencePattern[] {
  const windowDays = options.windowDays ?? 60;
  const minCustomers = options.minCustomers ?? 10;
  let end = options.endDay;
  if (end === undefined) {
    let max = -Infinity;
    for (let i = 0; i < t.length; i++) if (t.time[i] > max) max = t.time[i];
    end = Math.floor(max / 86_400_000) + 1;
  }
  const h = buildHistory(t, end);
  const nb = buildNeighbors(h, { windowDays, minCustomers, maxNeighbors: Infinity, medianLag: true });
  const out: SequencePattern[] = [];
  for (let a = 0; a < h.nProducts; a++) {
    for (let k = nb.start[a]; k < nb.start[a + 1]; k++) {
      const n = nb.seqCustomers[k];
      if (n < minCustomers) continue;
      const b = nb.target[k];
      const den = nb.seqExposure[k];
      const confidence = den > 0 ? Math.min(1, n / den) : 0;
      const base = nb.baseRate[b];
      out.push({
        antecedent: h.productIds[a],
        consequent: h.productIds[b],
        customers: n,
        antecedentCustomers: Math.round(den * 100) / 100,
        confidence,
        baseRate: base,
        lift: base > 0 ? confidence / base : null,
        medianLagDays: nb.medianLagDays[k],
      });
    }
  }
  return out.sort((x, y) => y.customers - x.customers || y.confidence - x.confidence || x.antecedent.localeCompare(y.antecedent) || x.consequent.localeCompare(y.consequent));
}
