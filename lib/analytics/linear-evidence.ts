/**
 * The "what else" signal of the next-best-product model: EASE^R (baselines/ease.ts) fitted on
 * recency-weighted ownership, x[c][i] = exp(-age / tau) with age = days since c last bought i, both in
 * the Gram matrix and when scoring, so recent co-purchases count most. Dense, on the most-bought
 * `maxItems` products with at least `minBuyers` buyers (a 50,000-product catalogue is scored through
 * its 1,500-product head here; every product still gets the item-to-item evidence of item-neighbors.ts).
 */
import type { CustomerHistory } from "./customer-history";
import { fitEase, type EaseModel } from "./baselines/ease";

export interface LinearEvidence {
  model: EaseModel;
  /** Scores of customer c per product index into out (length nProducts, 0 outside the subset). */
  scoresFor(c: number, out: Float64Array): void;
  /** The owned product contributing most to c's score for b (and its contribution), or null. */
  strongestSource(c: number, b: number): { product: number; contribution: number } | null;
}

export interface LinearOptions {
  asOfDay: number;
  tauDays: number;
  lambda: number;
  maxItems: number;
  minBuyers: number;
}

export function fitLinearEvidence(h: CustomerHistory, o: LinearOptions): LinearEvidence {
  const weight = (j: number) => Math.exp(-(o.asOfDay - h.custLastDay[j]) / o.tauDays);
  const model = fitEase(h, { lambda: o.lambda, maxItems: o.maxItems, minBuyers: o.minBuyers, entryWeight: weight });
  const { n, items, pos } = model.subset;
  // Scoring streams one weight row per owned product: single precision halves the memory traffic,
  // which is what scoring costs (the ranking does not need more than 7 digits).
  const b32 = Float32Array.from(model.weights);
  const sub = new Float64Array(n);
  const rows = new Int32Array(4);
  const ws = new Float64Array(4);
  return {
    model,
    scoresFor(c, out) {
      sub.fill(0);
      // Four owned products' rows per pass over the scores, so sub is loaded and stored a quarter as often.
      let m = 0;
      for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) {
        const q = pos[h.custProduct[j]];
        if (q < 0) continue;
        rows[m] = q * n;
        ws[m++] = weight(j);
        if (m < 4) continue;
        m = 0;
        const r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3];
        const w0 = ws[0], w1 = ws[1], w2 = ws[2], w3 = ws[3];
        for (let x = 0; x < n; x++) sub[x] += w0 * b32[r0 + x] + w1 * b32[r1 + x] + w2 * b32[r2 + x] + w3 * b32[r3 + x];
      }
      for (let t = 0; t < m; t++) {
        const row = rows[t];
        const w = ws[t];
        for (let x = 0; x < n; x++) sub[x] += w * b32[row + x];
      }
      for (let i = 0; i < n; i++) out[items[i]] = sub[i];
    },
    strongestSource(c, b) {
      const q = pos[b];
      if (q < 0) return null;
      let best: { product: number; contribution: number } | null = null;
      for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) {
        const a = h.custProduct[j];
        const pa = pos[a];
        if (pa < 0 || a === b) continue;
        const v = weight(j) * b32[pa * n + q];
        if (v > 0 && (!best || v > best.contribution)) best = { product: a, contribution: v };
      }
      return best;
    },
  };
}

/** Customers who bought both a and b (the buyer lists are ascending). */
export function coBuyerCount(h: CustomerHistory, a: number, b: number): number {
  let i = h.prodStart[a];
  let j = h.prodStart[b];
  const ie = h.prodStart[a + 1];
  const je = h.prodStart[b + 1];
  let n = 0;
  while (i < ie && j < je) {
    const x = h.prodCustomer[i];
    const y = h.prodCustomer[j];
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}
