/**
 * Association rules from frequent itemsets, with mlxtend's metric definitions:
 * confidence = s(AC)/s(A), lift = confidence/s(C), leverage = s(AC) - s(A)s(C),
 * conviction = (1 - s(C))/(1 - confidence), null (infinite) when confidence is 1.
 * By default every non-empty proper subset of a frequent itemset is an antecedent (mlxtend);
 * with singleConsequent only one-item consequents are produced (R arules' apriori).
 */
import type { Baskets } from "./baskets";
import { itemsetKey, mineFrequentItemsets, type FrequentItemsets } from "./frequent-itemsets";

export interface IndexedRule {
  antecedent: Int32Array;
  consequent: Int32Array;
  antecedentCount: number;
  consequentCount: number;
  count: number;
  nBaskets: number;
}

export interface Rule {
  antecedent: string[];
  consequent: string[];
  antecedentSupport: number;
  consequentSupport: number;
  support: number;
  confidence: number;
  lift: number;
  leverage: number;
  conviction: number | null;
  count: number;
}

export interface RuleOptions {
  minConfidence?: number;
  singleConsequent?: boolean;
}

const MAX_SUBSET_ITEMS = 20;

export function rulesFromItemsets(f: FrequentItemsets, options: RuleOptions = {}): IndexedRule[] {
  const minConfidence = options.minConfidence ?? 0;
  const rules: IndexedRule[] = [];
  for (const set of f.itemsets) {
    const n = set.length;
    if (n < 2) continue;
    if (n > MAX_SUBSET_ITEMS) throw new RangeError(`itemset of ${n} items is too long for rule generation; set a max length`);
    const count = f.counts.get(itemsetKey(set))!;
    const full = (1 << n) - 1;
    for (let mask = 1; mask < full; mask++) {
      const consequentSize = n - popcount(mask);
      if (options.singleConsequent && consequentSize !== 1) continue;
      const a: number[] = [];
      const c: number[] = [];
      for (let k = 0; k < n; k++) ((mask >> k) & 1 ? a : c).push(set[k]);
      const antecedentCount = f.counts.get(itemsetKey(a))!;
      if (count / antecedentCount < minConfidence - 1e-12) continue;
      rules.push({
        antecedent: Int32Array.from(a),
        consequent: Int32Array.from(c),
        antecedentCount,
        consequentCount: f.counts.get(itemsetKey(c))!,
        count,
        nBaskets: f.nBaskets,
      });
    }
  }
  return rules;
}

function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

export function ruleMetrics(r: IndexedRule) {
  const sA = r.antecedentCount / r.nBaskets;
  const sC = r.consequentCount / r.nBaskets;
  const s = r.count / r.nBaskets;
  const confidence = r.count / r.antecedentCount;
  return {
    antecedentSupport: sA,
    consequentSupport: sC,
    support: s,
    confidence,
    lift: confidence / sC,
    leverage: s - sA * sC,
    conviction: r.count === r.antecedentCount ? null : (1 - sC) / (1 - confidence),
  };
}

export function toRule(r: IndexedRule, itemIds: readonly string[]): Rule {
  const names = (xs: Int32Array) => Array.from(xs, (i) => itemIds[i]).sort();
  return { antecedent: names(r.antecedent), consequent: names(r.consequent), ...ruleMetrics(r), count: r.count };
}

export interface MineRulesOptions extends RuleOptions {
  minSupport: number;
  maxLength?: number;
}

/** Frequent itemsets and rules in one call; rules sorted by lift, then confidence, then count. */
export function mineRules(baskets: Baskets, options: MineRulesOptions): Rule[] {
  const f = mineFrequentItemsets(baskets, { minSupport: options.minSupport, maxLength: options.maxLength });
  return rulesFromItemsets(f, options)
    .map((r) => toRule(r, baskets.itemIds))
    .sort(
      (x, y) =>
        y.lift - x.lift ||
        y.confidence - x.confidence ||
        y.count - x.count ||
        x.antecedent.join("\u0000").localeCompare(y.antecedent.join("\u0000")) ||
        x.consequent.join("\u0000").localeCompare(y.consequent.join("\u0000")),
    );
}
