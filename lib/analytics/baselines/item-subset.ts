/**
 * The items a dense item-item model works on: the most-bought products (distinct buyers), at most
 * `maxItems`, each with at least `minBuyers` buyers. Dense models cost O(n^2) memory and up to O(n^3)
 * time, so a 50,000-product catalogue is restricted to its head; products outside the subset are
 * simply not scored by that model (on Online Retail the 1,500 most-bought of 3,394 products give EASE
 * the same hit rate as all of them; see docs/analytics.md).
 */
import type { CustomerHistory } from "../customer-history";

export interface ItemSubset {
  n: number;
  /** Position -> product index. */
  items: Int32Array;
  /** Product index -> position, -1 outside the subset. */
  pos: Int32Array;
  /** Distinct buyers of each position's product. */
  buyers: Int32Array;
}

export function topItemsByBuyers(h: CustomerHistory, maxItems: number, minBuyers = 1): ItemSubset {
  const order: number[] = [];
  for (let p = 0; p < h.nProducts; p++) if (h.prodStart[p + 1] - h.prodStart[p] >= Math.max(1, minBuyers)) order.push(p);
  const count = (p: number) => h.prodStart[p + 1] - h.prodStart[p];
  order.sort((x, y) => count(y) - count(x) || x - y);
  const kept = order.slice(0, Math.max(0, maxItems));
  const items = Int32Array.from(kept);
  const pos = new Int32Array(h.nProducts).fill(-1);
  kept.forEach((p, i) => (pos[p] = i));
  return { n: kept.length, items, pos, buyers: Int32Array.from(kept.map(count)) };
}

/**
 * Weighted co-occurrence over the subset: out[i][j] = sum over customers u owning both of
 * userWeight(u) * entryWeight(i) * entryWeight(j), full symmetric n x n (diagonal: own weight squared).
 * `entryWeight(j)` receives the index into h.custProduct; default 1 (binary).
 */
export function gramMatrix(
  h: CustomerHistory,
  s: ItemSubset,
  entryWeight: (j: number) => number = () => 1,
  userWeight: (c: number) => number = () => 1,
): Float64Array {
  const n = s.n;
  const g = new Float64Array(n * n);
  // Per customer its owned positions in ascending order with their weights (position * 2^21 + entry
  // index, sorted as numbers), so only the lower triangle is accumulated; the upper half is mirrored once.
  const keys = new Float64Array(h.nProducts);
  const idx = new Int32Array(h.nProducts);
  const wt = new Float64Array(h.nProducts);
  for (let c = 0; c < h.nCustomers; c++) {
    let k = 0;
    for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) {
      const q = s.pos[h.custProduct[j]];
      if (q < 0) continue;
      const w = entryWeight(j);
      if (w === 0) continue;
      keys[k++] = q * 2097152 + (j - h.custStart[c]);
    }
    if (k === 0) continue;
    const sorted = keys.subarray(0, k).sort();
    for (let x = 0; x < k; x++) {
      const key = sorted[x];
      const q = Math.floor(key / 2097152);
      idx[x] = q;
      wt[x] = entryWeight(h.custStart[c] + (key - q * 2097152));
    }
    const uw = userWeight(c);
    for (let x = 0; x < k; x++) {
      const row = idx[x] * n;
      const wx = wt[x] * uw;
      for (let y = 0; y <= x; y++) g[row + idx[y]] += wx * wt[y];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) g[j * n + i] = g[i * n + j];
  return g;
}
