/**
 * Mined rules kept with a run for admins to review: basket rules (Eclat itemsets, mlxtend metrics) and
 * customer-level sequential patterns, the strongest `maxPerKind` of each by lift.
 */
import { ruleMetrics, rulesFromItemsets } from "@/lib/analytics/association-rules";
import { basketCount, basketsFromLines } from "@/lib/analytics/baskets";
import { mineFrequentItemsets } from "@/lib/analytics/frequent-itemsets";
import type { LineTable } from "@/lib/analytics/line-table";
import { mineSequences } from "@/lib/analytics/sequences";
import type { RuleRow } from "./types";

export const RULE_OPTIONS = {
  /** Least orders holding a basket itemset, and least supporting customers of a sequence. */
  minCount: 10,
  /** Basket support floor as a fraction of orders (keeps mining fast on big data). */
  minSupport: 0.0002,
  minConfidence: 0.01,
  maxLength: 3,
  windowDays: 60,
  maxPerKind: 2000,
};

const byLift = (x: RuleRow, y: RuleRow) =>
  y.lift - x.lift || y.count - x.count || x.antecedentIds.join("|").localeCompare(y.antecedentIds.join("|")) || x.consequentIds.join("|").localeCompare(y.consequentIds.join("|"));

/** `table` must hold only the lines before the as-of day. */
export function mineBasketRules(table: LineTable, options = RULE_OPTIONS): RuleRow[] {
  const baskets = basketsFromLines(table);
  const n = basketCount(baskets);
  if (n === 0) return [];
  const minSupport = Math.min(1, Math.max(options.minCount / n, options.minSupport));
  const itemsets = mineFrequentItemsets(baskets, { minSupport, maxLength: options.maxLength });
  const rows: RuleRow[] = [];
  for (const r of rulesFromItemsets(itemsets, { minConfidence: options.minConfidence })) {
    const m = ruleMetrics(r);
    if (!(m.lift > 1)) continue;
    rows.push({
      kind: "BASKET",
      antecedentIds: Array.from(r.antecedent, (i) => baskets.itemIds[i]).sort(),
      consequentIds: Array.from(r.consequent, (i) => baskets.itemIds[i]).sort(),
      support: m.support,
      confidence: m.confidence,
      lift: m.lift,
      leverage: m.leverage,
      conviction: m.conviction,
      count: r.count,
      antecedentCount: r.antecedentCount,
      windowDays: null,
      medianLagDays: null,
    });
  }
  return rows.sort(byLift).slice(0, options.maxPerKind);
}

/**
 * Sequential patterns "bought A, then B within the window". Mapped onto the rule columns as: support =
 * supporting customers / customers with history, count = supporters, antecedentCount = exposure-weighted
 * A buyers who did not own B (rounded), leverage = (confidence - base rate) x antecedentCount / customers
 * (extra buyers per customer), conviction = (1 - base rate) / (1 - confidence).
 */
export function mineSequenceRules(table: LineTable, asOfDay: number, customers: number, options = RULE_OPTIONS): RuleRow[] {
  if (customers === 0) return [];
  const rows: RuleRow[] = [];
  for (const s of mineSequences(table, { windowDays: options.windowDays, minCustomers: options.minCount, endDay: asOfDay })) {
    if (s.lift === null || !(s.lift > 1)) continue;
    rows.push({
      kind: "SEQUENCE",
      antecedentIds: [s.antecedent],
      consequentIds: [s.consequent],
      support: s.customers / customers,
      confidence: s.confidence,
      lift: s.lift,
      leverage: ((s.confidence - s.baseRate) * s.antecedentCustomers) / customers,
      conviction: s.confidence >= 1 ? null : (1 - s.baseRate) / (1 - s.confidence),
      count: s.customers,
      antecedentCount: Math.round(s.antecedentCustomers),
      windowDays: options.windowDays,
      medianLagDays: Number.isFinite(s.medianLagDays) ? s.medianLagDays : null,
    });
  }
  return rows.sort(byLift).slice(0, options.maxPerKind);
}
