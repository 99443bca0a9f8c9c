/**
 * The strong baselines of the backtest (EASE^R, ItemKNN, RP3beta), each tuned by grid search on a
 * validation window that ends at the split: trained on lines before split - horizon, scored against
 * the products first bought in [split - horizon, split), the best hit rate@K (then NDCG) wins; then
 * retrained with those parameters on everything before the split. The test window is never seen.
 */
import type { CustomerHistory } from "../customer-history";
import { fitEase, easeScores } from "./ease";
import { fitItemKnn, sparseScores, type SparseItemModel } from "./item-knn";
import { gramMatrix, topItemsByBuyers, type ItemSubset } from "./item-subset";
import { fitRp3beta } from "./rp3beta";

export type StrongBaseline = "ease" | "itemknn" | "rp3beta";
export const STRONG_BASELINES: StrongBaseline[] = ["ease", "itemknn", "rp3beta"];

export interface BaselineLimits {
  /** Items of the dense EASE (most-bought first); default 2,500. */
  easeMaxItems?: number;
  /** Items of ItemKNN and RP3beta; default 4,000. */
  knnMaxItems?: number;
}

export type Params = Record<string, number>;

/** Parameter grids: EASE lambda as in Steck's experiments; neighbours and shrink as in Dacrema et al. */
export const GRIDS: Record<StrongBaseline, Params[]> = {
  ease: [50, 100, 200, 400, 800, 1600].map((lambda) => ({ lambda })),
  itemknn: [0, 10, 50, 100, 200].flatMap((shrink) => [20, 50, 100, 200, 500].map((neighbors) => ({ shrink, neighbors }))),
  rp3beta: [0.25, 0.5, 0.75, 1].flatMap((alpha) =>
    [0, 0.1, 0.2, 0.3, 0.4, 0.6].flatMap((beta) => [50, 100, 200].map((neighbors) => ({ alpha, beta, neighbors }))),
  ),
};

/** Top k positions of a customer's subset scores that they do not own (ties: more buyers first). */
function topOfSubset(subset: ItemSubset, scores: Float64Array, owned: Uint8Array, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < subset.n; i++) {
    if (owned[subset.items[i]]) continue;
    const s = scores[i];
    if (best.length === k && s <= scores[best[k - 1]]) continue;
    let at = best.length < k ? best.length : k - 1;
    if (best.length < k) best.push(i);
    while (at > 0 && scores[best[at - 1]] < s) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = i;
  }
  return best.map((i) => subset.items[i]);
}

type Scorer = { subset: ItemSubset; score(c: number, out: Float64Array): void };

function rank(h: CustomerHistory, customers: readonly number[], k: number, m: Scorer): number[][] {
  const out = new Float64Array(m.subset.n);
  const owned = new Uint8Array(h.nProducts);
  return customers.map((c) => {
    for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) owned[h.custProduct[j]] = 1;
    m.score(c, out);
    const list = topOfSubset(m.subset, out, owned, k);
    for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) owned[h.custProduct[j]] = 0;
    return list;
  });
}

const sparse = (h: CustomerHistory, m: SparseItemModel): Scorer => ({ subset: m.subset, score: (c, out) => sparseScores(m, h, c, out) });

/**
 * Fits one baseline with each parameter set of `grid` on history h and returns the rankings of the
 * customers for each (in grid order). Shared work (the Gram matrix) is done once.
 */
export function rankWithGrid(name: StrongBaseline, h: CustomerHistory, customers: readonly number[], k: number, grid: readonly Params[], limits: BaselineLimits = {}): number[][][] {
  if (name === "ease") {
    const subset = topItemsByBuyers(h, limits.easeMaxItems ?? 2500);
    const gram = gramMatrix(h, subset);
    return grid.map((p) => {
      const m = fitEase(h, { lambda: p.lambda, maxItems: limits.easeMaxItems ?? 2500 }, { subset, gram: gram.slice() });
      return rank(h, customers, k, { subset, score: (c, out) => void easeScores(m, h, c, out) });
    });
  }
  if (name === "itemknn") {
    const subset = topItemsByBuyers(h, limits.knnMaxItems ?? 4000);
    const gram = gramMatrix(h, subset);
    return grid.map((p) => rank(h, customers, k, sparse(h, fitItemKnn(h, { shrink: p.shrink, neighbors: p.neighbors }, { subset, gram }))));
  }
  return grid.map((p) => rank(h, customers, k, sparse(h, fitRp3beta(h, { alpha: p.alpha, beta: p.beta, neighbors: p.neighbors, maxItems: limits.knnMaxItems }))));
}
