/**
 * RP3beta (Paudel, Christoffel, Newell & Bernstein 2017), as implemented by Dacrema et al. (2019): a
 * three-step random walk item -> customer -> item with transition probabilities raised to alpha,
 * W[i][j] = sum over customers u owning i and j of (1 / |U_i|)^alpha (1 / |I_u|)^alpha, then divided
 * by the target's popularity |U_j|^beta, keeping the `neighbors` largest weights of every source row.
 * A customer's score for j = sum of W[i][j] over owned items i.
 */
import type { CustomerHistory } from "../customer-history";
import { gramMatrix, topItemsByBuyers } from "./item-subset";
import { topKPerRow, type SparseItemModel } from "./item-knn";

export interface Rp3betaOptions {
  alpha: number;
  beta: number;
  neighbors: number;
  maxItems?: number;
}

export function fitRp3beta(h: CustomerHistory, o: Rp3betaOptions): SparseItemModel {
  const subset = topItemsByBuyers(h, o.maxItems ?? 4000);
  const n = subset.n;
  // Customer degree counts every product the customer owns (the walk's step from u is over all of them).
  const co = gramMatrix(h, subset, () => 1, (c) => Math.pow(h.custStart[c + 1] - h.custStart[c], -o.alpha));
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const fi = Math.pow(subset.buyers[i], -o.alpha);
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const v = co[i * n + j];
      if (v > 0) w[i * n + j] = (fi * v) / Math.pow(subset.buyers[j], o.beta);
    }
  }
  return topKPerRow(w, n, o.neighbors, subset);
}
