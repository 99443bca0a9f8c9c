/**
 * EASE^R (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"): the item-item weight
 * matrix with a zero diagonal that minimises ||X - X B||^2 + lambda ||B||^2, in closed form:
 * P = (X^T X + lambda I)^-1, B[i][j] = -P[i][j] / P[j][j] (i != j), B[j][j] = 0. A customer's score
 * for item j is sum over owned items i of x[i] B[i][j]. Dense, so it runs on an item subset
 * (item-subset.ts). The weight of an owned item defaults to 1 (the published binary model); the
 * next-best-product model passes a recency weight instead (recommend.ts).
 */
import type { CustomerHistory } from "../customer-history";
import { spdInverse } from "../dense-linear";
import { gramMatrix, topItemsByBuyers, type ItemSubset } from "./item-subset";

export interface EaseModel {
  subset: ItemSubset;
  /** Row-major n x n; B[i * n + j] is the weight from owned item i to item j. */
  weights: Float64Array;
}

/** Closed-form EASE weights from a Gram matrix (overwritten). */
export function easeFromGram(gram: Float64Array, n: number, lambda: number): Float64Array {
  for (let i = 0; i < n; i++) gram[i * n + i] += lambda;
  const p = spdInverse(gram, n);
  const b = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const d = p[j * n + j];
    for (let i = 0; i < n; i++) b[i * n + j] = i === j ? 0 : -p[i * n + j] / d;
  }
  return b;
}

export interface EaseOptions {
  lambda: number;
  maxItems?: number;
  minBuyers?: number;
  /** Weight of a customer's owned item, given its index into h.custProduct; default 1. */
  entryWeight?: (j: number) => number;
}

/** `pre` reuses a subset and a Gram matrix already built with the same weights (it is consumed). */
export function fitEase(h: CustomerHistory, o: EaseOptions, pre?: { subset: ItemSubset; gram: Float64Array }): EaseModel {
  const subset = pre?.subset ?? topItemsByBuyers(h, o.maxItems ?? 2500, o.minBuyers ?? 1);
  const gram = pre?.gram ?? gramMatrix(h, subset, o.entryWeight);
  return { subset, weights: easeFromGram(gram, subset.n, o.lambda) };
}

/**
 * Scores of customer c over the subset into out[0..n), returns false when c owns nothing in it.
 * Owned items are scored too; callers exclude them.
 */
export function easeScores(m: EaseModel, h: CustomerHistory, c: number, out: Float64Array, entryWeight: (j: number) => number = () => 1): boolean {
  const { n, pos } = m.subset;
  out.fill(0, 0, n);
  let any = false;
  for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) {
    const q = pos[h.custProduct[j]];
    if (q < 0) continue;
    const w = entryWeight(j);
    if (w === 0) continue;
    any = true;
    const row = q * n;
    const b = m.weights;
    for (let x = 0; x < n; x++) out[x] += w * b[row + x];
  }
  return any;
}
