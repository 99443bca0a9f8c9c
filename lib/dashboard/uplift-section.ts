/**
 * The uplift section from uplift fact rows: the headline test, incremental figures, checks, the verdict
 * and the forest-plot breakdowns. Pure (the rows come from lib/data/dashboard.ts), so it is tested on
 * hand-made rows.
 */
import { incrementalFigures, type IncrementalFigures } from "@/lib/analytics/kpis";
import { upliftTest, weeksToDetect, type UpliftResult } from "@/lib/analytics/uplift";

export interface UpliftRow {
  key: string;
  holdout: boolean;
  accounts: number;
  buyers: number;
  revenueCents: number;
  grossProfitCents: number;
  contactedAccounts?: number;
  contacts?: number;
}

export interface Totals {
  accounts: number;
  buyers: number;
  revenue: number;
  grossProfit: number;
  contactedAccounts: number;
  contacts: number;
}

export interface ForestRow {
  key: string;
  label: string;
  treated: { n: number; conversions: number };
  holdout: { n: number; conversions: number };
  diff: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
}

export interface UpliftSection {
  result: UpliftResult | null;
  treated: Totals;
  holdout: Totals;
  incremental: IncrementalFigures | null;
  srmWarning: boolean;
  contamination: { accounts: number; of: number };
  verdict: string;
  conclusive: boolean;
}

const EMPTY: Totals = { accounts: 0, buyers: 0, revenue: 0, grossProfit: 0, contactedAccounts: 0, contacts: 0 };

export function totals(rows: readonly UpliftRow[], holdout: boolean): Totals {
  const t = { ...EMPTY };
  for (const r of rows) {
    if (r.holdout !== holdout) continue;
    t.accounts += r.accounts;
    t.buyers += r.buyers;
    t.revenue += r.revenueCents / 100;
    t.grossProfit += r.grossProfitCents / 100;
    t.contactedAccounts += r.contactedAccounts ?? 0;
    t.contacts += r.contacts ?? 0;
  }
  return t;
}

const points = (d: number) => `${Math.abs(d * 100).toFixed(1)} ${Math.abs(d * 100).toFixed(1) === "1.0" ? "point" : "points"}`;
const signed = (d: number) => (d * 100).toFixed(1);
const pText = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`);

/** The plain-language verdict of a test; `weeks` is the observation time behind it (for the time-to-detect estimate). */
export function verdictOf(r: UpliftResult | null, o: { holdoutShare: number; weeks: number; confidence?: number }): { text: string; conclusive: boolean } {
  if (!r) return { text: "No scoring run's purchase window closed in this period, so there is nothing to compare yet.", conclusive: false };
  const level = Math.round(r.confidence * 100);
  const alpha = 1 - r.confidence;
  if (r.pValue !== null && r.pValue < alpha) {
    const dir = r.diff >= 0 ? "more" : "less";
    return {
      text: `Treated accounts bought the offered product ${points(r.diff)} ${dir} often, ${level}% CI ${signed(r.ciLow)} to ${signed(r.ciHigh)}, ${pText(r.pValue)}.`,
      conclusive: true,
    };
  }
  const n = r.treated.n + r.holdout.n;
  const base = (r.treated.conversions + r.holdout.conversions) / n;
  const w = weeksToDetect({ baseRate: base, lift: 0.01, holdoutShare: o.holdoutShare, accountsSoFar: n, accountsPerWeek: o.weeks > 0 ? n / o.weeks : 0, confidence: r.confidence });
  const more = w === null ? "" : w.weeks === 0 ? " The volume is already enough to detect a 1-point lift at 80% power." : ` At this volume about ${Math.ceil(w.weeks)} more weeks to detect a 1-point lift at 80% power.`;
  return {
    text: `Not yet conclusive: ${signed(r.diff)} points (${level}% CI ${signed(r.ciLow)} to ${signed(r.ciHigh)}${r.pValue === null ? "" : `, ${pText(r.pValue)}`}).${more}`,
    conclusive: false,
  };
}

export function upliftSection(rows: readonly UpliftRow[], o: { holdoutShare: number; costPerContact: number; weeks: number; confidence?: number }): UpliftSection {
  const treated = totals(rows, false);
  const holdout = totals(rows, true);
  let result: UpliftResult | null = null;
  if (treated.accounts > 0 && holdout.accounts > 0) {
    result = upliftTest({ conversions: treated.buyers, n: treated.accounts }, { conversions: holdout.buyers, n: holdout.accounts }, {
      holdoutShare: o.holdoutShare > 0 && o.holdoutShare < 1 ? o.holdoutShare : 0.1, confidence: o.confidence,
    });
  }
  const incremental = result ? incrementalFigures(treated, holdout, treated.contacts, o.costPerContact) : null;
  const v = verdictOf(result, o);
  return {
    result, treated, holdout, incremental,
    srmWarning: result !== null && result.srm.pValue < 0.001,
    contamination: { accounts: holdout.contactedAccounts, of: holdout.accounts },
    verdict: v.text,
    conclusive: v.conclusive,
  };
}

/** One forest-plot row per key (pair, segment, rep, run). */
export function forest(rows: readonly UpliftRow[], label: (key: string) => string, confidence = 0.95): ForestRow[] {
  const byKey = new Map<string, UpliftRow[]>();
  for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  const out: ForestRow[] = [];
  for (const [key, list] of byKey) {
    const t = totals(list, false);
    const h = totals(list, true);
    const row: ForestRow = {
      key, label: label(key), treated: { n: t.accounts, conversions: t.buyers }, holdout: { n: h.accounts, conversions: h.buyers },
      diff: null, ciLow: null, ciHigh: null, pValue: null,
    };
    if (t.accounts > 0 && h.accounts > 0) {
      const r = upliftTest(row.treated, row.holdout, { confidence });
      Object.assign(row, { diff: r.diff, ciLow: r.ciLow, ciHigh: r.ciHigh, pValue: r.pValue });
    }
    out.push(row);
  }
  return out.sort((a, b) => b.treated.n + b.holdout.n - (a.treated.n + a.holdout.n));
}
