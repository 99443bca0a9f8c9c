/**
 * Item-based nearest neighbours with shrunk cosine similarity, as tuned in Dacrema, Cremonesi &
 * Jannach (2019, "Are we really making much progress?"): sim(i, j) = |U_i and U_j| /
 * (sqrt(|U_i| |U_j|) + shrink), keeping for every target j its `neighbors` most similar items, and a
 * customer's score for j = sum of sim(i, j) over owned items i. Also RP3beta (Paudel et al. 2017),
 * which shares the sparse top-k representation (rp3beta.ts).
 */
import type { CustomerHistory } from "../customer-history";
import { kthSmallest } from "../item-neighbors";
import { gramMatrix, topItemsByBuyers, type ItemSubset } from "./item-subset";

/** Sparse item-item weights over a subset: from[k] -> to, by target (CSR by source row for scoring). */
export interface SparseItemModel {
  subset: ItemSubset;
  /** Source position i has targets target[start[i] .. start[i+1]) with weight weight[...]. */
  start: Int32Array;
  target: Int32Array;
  weight: Float64Array;
}

/**
 * Keeps the `k` largest entries of every column (target) of the dense n x n matrix w (ties: the
 * lower source position first), returned as rows by source.
 */
export function topKPerColumn(w: Float64Array, n: number, k: number, subset: ItemSubset): SparseItemModel {
  const col = new Float64Array(n);
  const keep = new Uint8Array(n * n);
  for (let j = 0; j < n; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) if (w[i * n + j] > 0) col[m++] = w[i * n + j];
    if (m === 0) continue;
    if (m <= k) {
      for (let i = 0; i < n; i++) if (w[i * n + j] > 0) keep[i * n + j] = 1;
      continue;
    }
    const cut = kthSmallest(col, m, m - k);
    let room = k;
    for (let i = 0; i < n; i++) if (w[i * n + j] > cut) room--;
    for (let i = 0; i < n; i++) {
      const v = w[i * n + j];
      if (v > cut || (v === cut && v > 0 && room-- > 0)) keep[i * n + j] = 1;
    }
  }
  return toSparse(w, keep, n, subset);
}

/** Keeps the `k` largest entries of every row (source). */
export function topKPerRow(w: Float64Array, n: number, k: number, subset: ItemSubset): SparseItemModel {
  const row = new Float64Array(n);
  const keep = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    const r = i * n;
    let m = 0;
    for (let j = 0; j < n; j++) if (w[r + j] > 0) row[m++] = w[r + j];
    if (m === 0) continue;
    const cut = m <= k ? 0 : kthSmallest(row, m, m - k);
    let room = k;
    if (m > k) for (let j = 0; j < n; j++) if (w[r + j] > cut) room--;
    for (let j = 0; j < n; j++) {
      const v = w[r + j];
      if (m <= k ? v > 0 : v > cut || (v === cut && room-- > 0)) keep[r + j] = 1;
    }
  }
  return toSparse(w, keep, n, subset);
}

function toSparse(w: Float64Array, keep: Uint8Array, n: number, subset: ItemSubset): SparseItemModel {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let j = 0; j < n; j++) c += keep[i * n + j];
    start[i + 1] = start[i] + c;
  }
  const target = new Int32Array(start[n]);
  const weight = new Float64Array(start[n]);
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (keep[i * n + j]) {
        target[e] = j;
        weight[e++] = w[i * n + j];
      }
    }
  }
  return { subset, start, target, weight };
}

/** Dense shrunk-cosine similarities over the subset (zero diagonal), before the top-k cut. */
export function cosineSimilarities(gram: Float64Array, n: number, shrink: number): Float64Array {
  const sim = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const co = gram[i * n + j];
      if (co > 0) sim[i * n + j] = co / (Math.sqrt(gram[i * n + i] * gram[j * n + j]) + shrink);
    }
  }
  return sim;
}

export interface ItemKnnOptions {
  shrink: number;
  neighbors: number;
  maxItems?: number;
}

export function fitItemKnn(h: CustomerHistory, o: ItemKnnOptions, gram?: { subset: ItemSubset; gram: Float64Array }): SparseItemModel {
  const subset = gram?.subset ?? topItemsByBuyers(h, o.maxItems ?? 4000);
  const g = gram?.gram ?? gramMatrix(h, subset);
  return topKPerColumn(cosineSimilarities(g, subset.n, o.shrink), subset.n, o.neighbors, subset);
}

/** Customer c's scores over the subset into out[0..n): sum of the weights from the owned items. */
export function sparseScores(m: SparseItemModel, h: CustomerHistory, c: number, out: Float64Array): void {
  out.fill(0, 0, m.subset.n);
  for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) {
    const i = m.subset.pos[h.custProduct[j]];
    if (i < 0) continue;
    for (let e = m.start[i]; e < m.start[i + 1]; e++) out[m.target[e]] += m.weight[e];
  }
}
