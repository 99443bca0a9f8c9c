/**
 * Offline evaluation: train on lines before the split, then for every customer with history who
 * bought at least one product new to them in the horizon, compare the top K with those products.
 * hit rate@K: share of customers with at least one hit; precision@K: hits / K; recall: hits /
 * new products; NDCG@K: binary-relevance DCG over the ideal DCG (min(K, new products) hits on top).
 * Baselines are scored the same way: most popular not-yet-owned products (distinct buyers before
 * the split), customer-level item co-occurrence (sum over owned items of co-buyer counts), and the
 * strong ones of the literature, EASE^R, ItemKNN and RP3beta, each tuned on the validation window
 * that ends at the split (baselines/tuned.ts).
 */
import { brierScore, reliabilityTable, type ReliabilityBin } from "./calibration";
import { buildHistory, type CustomerHistory } from "./customer-history";
import { dayOf } from "./dates";
import { buildNeighbors } from "./item-neighbors";
import { filterLines, type LineTable } from "./line-table";
import { buildRecommender, type RecommendOptions } from "./recommend";
import { GRIDS, rankWithGrid, STRONG_BASELINES, type BaselineLimits, type Params, type StrongBaseline } from "./baselines/tuned";

export interface Metrics {
  hitRate: number;
  precision: number;
  recall: number;
  ndcg: number;
}

export interface BacktestResult {
  split: string;
  horizonDays: number;
  k: number;
  customersEvaluated: number;
  model: Metrics;
  baselines: Partial<Record<BaselineName, BaselineResult>>;
  /** The baseline with the best hit rate@K, and the model's hit rate and NDCG relative to it. */
  best: { baseline: BaselineName; hitRateRatio: number; ndcgRatio: number } | null;
  /** With options.calibration: how well P(buy) matches the horizon outcomes (see calibrationReport). */
  calibration?: CalibrationReport;
}

/**
 * Calibration in the test window: the top K of every customer with history before the split (not only
 * the evaluated ones, since the probability is meant for everyone scored), each labelled 1 when the
 * customer first bought the product in the horizon. Brier score of the raw ranking score and of the
 * calibrated probability; reliability table by deciles of the score.
 */
export interface CalibrationReport {
  recommendations: number;
  customers: number;
  observedRate: number;
  meanScore: number;
  meanProbability: number;
  brierRaw: number;
  brierCalibrated: number;
  /** Brier score of predicting the observed rate for everything (no skill). */
  brierConstant: number;
  /** Knots of the fitted map and the holdout observations it was fitted on. */
  knots: number;
  fittedOn: number;
  reliability: ReliabilityBin[];
}

export type BaselineName = "popular" | "cooccurrence" | StrongBaseline;
export const BASELINES: BaselineName[] = ["popular", "cooccurrence", ...STRONG_BASELINES];

export interface BaselineResult extends Metrics {
  /** Tuned baselines: the chosen parameters and their metrics on the validation window. */
  params?: Params;
  validation?: Metrics & { split: string; customersEvaluated: number; candidates: number };
}

/** Metrics of ranked lists against sets of relevant items (pure, for hand-checked tests). */
export function rankingMetrics(ranked: readonly (readonly number[])[], relevant: readonly ReadonlySet<number>[], k: number): Metrics {
  let hit = 0, prec = 0, rec = 0, ndcg = 0;
  const n = ranked.length;
  for (let u = 0; u < n; u++) {
    const list = ranked[u].slice(0, k);
    const rel = relevant[u];
    let hits = 0, dcg = 0;
    list.forEach((item, i) => {
      if (rel.has(item)) {
        hits++;
        dcg += 1 / Math.log2(i + 2);
      }
    });
    let idcg = 0;
    for (let i = 0; i < Math.min(k, rel.size); i++) idcg += 1 / Math.log2(i + 2);
    if (hits > 0) hit++;
    prec += hits / k;
    rec += rel.size ? hits / rel.size : 0;
    ndcg += idcg ? dcg / idcg : 0;
  }
  return n ? { hitRate: hit / n, precision: prec / n, recall: rec / n, ndcg: ndcg / n } : { hitRate: 0, precision: 0, recall: 0, ndcg: 0 };
}

/** Ground truth: per customer with history, the products first bought in [split, split + horizon). */
export function newPurchases(t: LineTable, h: CustomerHistory, splitDay: number, horizonDays: number): Map<number, Set<number>> {
  const owned = new Set<number>();
  for (let c = 0; c < h.nCustomers; c++) for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) owned.add(c * h.nProducts + h.custProduct[j]);
  const truth = new Map<number, Set<number>>();
  for (let i = 0; i < t.length; i++) {
    const c = t.customerIdx[i];
    const d = dayOf(t.time[i]);
    if (c < 0 || t.quantity[i] <= 0 || d < splitDay || d >= splitDay + horizonDays) continue;
    if (h.custStart[c + 1] === h.custStart[c]) continue; // no history: nothing to personalise
    const p = t.productIdx[i];
    if (owned.has(c * h.nProducts + p)) continue;
    if (!truth.has(c)) truth.set(c, new Set());
    truth.get(c)!.add(p);
  }
  return truth;
}

function topK(scores: Float64Array, touched: number[], owned: Uint8Array, k: number): number[] {
  return touched.filter((p) => !owned[p]).sort((x, y) => scores[y] - scores[x] || x - y).slice(0, k);
}

export function popularBaseline(h: CustomerHistory, customers: number[], k: number): number[][] {
  const order = Array.from({ length: h.nProducts }, (_, p) => p).sort(
    (x, y) => h.prodStart[y + 1] - h.prodStart[y] - (h.prodStart[x + 1] - h.prodStart[x]) || x - y,
  );
  return customers.map((c) => {
    const own = new Set(h.custProduct.subarray(h.custStart[c], h.custStart[c + 1]));
    const out: number[] = [];
    for (const p of order) {
      if (out.length >= k) break;
      if (!own.has(p)) out.push(p);
    }
    return out;
  });
}

/** Co-occurrence counts from the 300 most co-bought items per item (keeps memory linear in products). */
export function cooccurrenceBaseline(h: CustomerHistory, customers: number[], k: number): number[][] {
  const nb = buildNeighbors(h, { windowDays: 1, minCustomers: 1, maxNeighbors: 300, rankBy: "coBuyers" });
  const scores = new Float64Array(h.nProducts);
  const owned = new Uint8Array(h.nProducts);
  return customers.map((c) => {
    const touched: number[] = [];
    for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) owned[h.custProduct[j]] = 1;
    for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) {
      const a = h.custProduct[j];
      for (let e = nb.start[a]; e < nb.start[a + 1]; e++) {
        const b = nb.target[e];
        if (scores[b] === 0) touched.push(b);
        scores[b] += nb.coBuyers[e];
      }
    }
    const list = topK(scores, touched, owned, k);
    for (const b of touched) scores[b] = 0;
    for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) owned[h.custProduct[j]] = 0;
    return list;
  });
}

export interface BacktestOptions {
  splitDay: number;
  horizonDays?: number;
  k?: number;
  model?: Omit<RecommendOptions, "asOfDay" | "top">;
  /** Fit the calibration (holdout before the split) and report it on the horizon; rankings are unchanged. */
  calibration?: boolean;
  /** Baselines to score (default all). */
  baselines?: readonly BaselineName[];
  baselineLimits?: BaselineLimits;
}

interface EvalSet {
  h: CustomerHistory;
  customers: number[];
  relevant: Set<number>[];
}

function evalSet(t: LineTable, split: number, horizon: number): EvalSet {
  const train = filterLines(t, (time) => dayOf(time) < split);
  const h = buildHistory(train, split);
  const truth = newPurchases(t, h, split, horizon);
  const customers = [...truth.keys()].sort((x, y) => x - y);
  return { h, customers, relevant: customers.map((c) => truth.get(c)!) };
}

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** Grid search on the window [split - horizon, split), then one run with the winner on the test window. */
function tunedBaseline(name: StrongBaseline, t: LineTable, val: EvalSet, test: EvalSet, split: number, horizon: number, k: number, limits: BaselineLimits): BaselineResult {
  const grid = GRIDS[name];
  const scored = rankWithGrid(name, val.h, val.customers, k, grid, limits).map((r) => rankingMetrics(r, val.relevant, k));
  let best = 0;
  scored.forEach((m, i) => {
    const b = scored[best];
    if (m.hitRate > b.hitRate || (m.hitRate === b.hitRate && m.ndcg > b.ndcg)) best = i;
  });
  const [ranked] = rankWithGrid(name, test.h, test.customers, k, [grid[best]], limits);
  return {
    ...rankingMetrics(ranked, test.relevant, k),
    params: grid[best],
    validation: { ...scored[best], split: isoDay(split - horizon), customersEvaluated: val.customers.length, candidates: grid.length },
  };
}

export function backtest(t: LineTable, options: BacktestOptions): BacktestResult {
  const horizon = options.horizonDays ?? 90;
  const k = options.k ?? 5;
  const split = options.splitDay;
  const test = evalSet(t, split, horizon);
  const { h, customers, relevant } = test;
  const truth = new Map(customers.map((c, i) => [c, relevant[i]]));
  const rec = buildRecommender(t, { windowDays: horizon, ...options.model, asOfDay: split, top: k, ...(options.calibration ? { calibration: true } : {}) });
  // The recommender interns the same ids in the same order (it filters the same table).
  const index = new Map(h.productIds.map((id, p) => [id, p]));
  const model = customers.map((c) => rec.recommendFor(c, k).map((r) => index.get(r.productId)!));
  let calibration: CalibrationReport | undefined;
  if (rec.calibration) {
    const score: number[] = [];
    const prob: number[] = [];
    const y: number[] = [];
    let n = 0;
    for (let c = 0; c < h.nCustomers; c++) {
      if (h.custStart[c + 1] === h.custStart[c]) continue;
      const got = truth.get(c);
      const recs = rec.recommendFor(c, k);
      if (recs.length) n++;
      for (const r of recs) {
        score.push(r.score);
        prob.push(r.probability!);
        y.push(got?.has(index.get(r.productId)!) ? 1 : 0);
      }
    }
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / (a.length || 1);
    const rate = mean(y);
    calibration = {
      recommendations: y.length,
      customers: n,
      observedRate: rate,
      meanScore: mean(score),
      meanProbability: mean(prob),
      brierRaw: brierScore(score, y),
      brierCalibrated: brierScore(prob, y),
      brierConstant: brierScore(y.map(() => rate), y),
      knots: rec.calibration.x.length,
      fittedOn: rec.calibration.n,
      reliability: reliabilityTable(score, prob, y, 10),
    };
  }
  const which = options.baselines ?? BASELINES;
  const baselines: Partial<Record<BaselineName, BaselineResult>> = {};
  if (which.includes("popular")) baselines.popular = rankingMetrics(popularBaseline(h, customers, k), relevant, k);
  if (which.includes("cooccurrence")) baselines.cooccurrence = rankingMetrics(cooccurrenceBaseline(h, customers, k), relevant, k);
  const strong = STRONG_BASELINES.filter((b) => which.includes(b));
  if (strong.length) {
    const val = evalSet(t, split - horizon, horizon);
    for (const b of strong) baselines[b] = tunedBaseline(b, t, val, test, split, horizon, k, options.baselineLimits ?? {});
  }
  const modelMetrics = rankingMetrics(model, relevant, k);
  let best: BacktestResult["best"] = null;
  for (const [name, m] of Object.entries(baselines) as [BaselineName, BaselineResult][]) {
    if (!best || m.hitRate > baselines[best.baseline]!.hitRate) best = { baseline: name, hitRateRatio: 0, ndcgRatio: 0 };
  }
  if (best) {
    const b = baselines[best.baseline]!;
    best.hitRateRatio = b.hitRate > 0 ? modelMetrics.hitRate / b.hitRate : 0;
    best.ndcgRatio = b.ndcg > 0 ? modelMetrics.ndcg / b.ndcg : 0;
  }
  return {
    split: isoDay(split),
    horizonDays: horizon,
    k,
    customersEvaluated: customers.length,
    model: modelMetrics,
    baselines,
    best,
    ...(calibration ? { calibration } : {}),
  };
}
