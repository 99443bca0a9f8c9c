/**
 * Item-to-item evidence for "bought A, then B": for every product A one pass over its buyers (and
 * its orders) fills dense per-product counters, then only the strongest `maxNeighbors` targets are
 * kept. Work is the sum over customers of (distinct products)^2; memory is O(products x maxNeighbors).
 *
 * Per pair A -> B:
 * - sequence: customers whose first B purchase came 1..windowDays days after their first A purchase,
 *   over the exposure of A buyers who did not own B yet (a buyer first seen d < windowDays days before
 *   the end counts d / windowDays, so recent buyers are not treated as non-converters);
 * - basket: orders holding A and B over orders holding A (single-consequent association rule);
 * - similarity: cosine of the buyer sets, |A and B| / sqrt(|A| |B|).
 */
import type { Baskets } from "./baskets";
import type { CustomerHistory } from "./customer-history";

export interface NeighborOptions {
  windowDays: number;
  /** Least supporting customers (sequence or co-buyers) for a pair to be kept. */
  minCustomers?: number;
  /** Targets kept per product; Infinity keeps all that pass minCustomers. */
  maxNeighbors?: number;
  /** How targets are ranked when more than maxNeighbors qualify; default "strength". */
  rankBy?: "strength" | "coBuyers";
  /** Median lag costs a second pass over the buyers; the ranking does not need it. */
  medianLag?: boolean;
  /** Orders to use for basket rules (optional). */
  baskets?: Baskets;
}

export interface NeighborTable {
  windowDays: number;
  start: Int32Array;
  target: Int32Array;
  /** Customers with the sequence A then B within the window. */
  seqCustomers: Int32Array;
  /** Exposure-weighted A buyers who did not own B when they first bought A. */
  seqExposure: Float64Array;
  /** NaN unless options.medianLag. */
  medianLagDays: Float64Array;
  coBuyers: Int32Array;
  cosine: Float64Array;
  basketOrders: Int32Array;
  /** Per product: distinct buyers and orders holding it. */
  buyers: Int32Array;
  orders: Int32Array;
  /** Per product: P(first purchase of B within the window after a customer's first order). */
  baseRate: Float64Array;
}

function productOrders(b: Baskets, nProducts: number) {
  const start = new Int32Array(nProducts + 1);
  for (let k = 0; k < b.items.length; k++) if (b.items[k] < nProducts) start[b.items[k] + 1]++;
  for (let p = 0; p < nProducts; p++) start[p + 1] += start[p];
  const fill = start.slice(0, nProducts);
  const orders = new Int32Array(start[nProducts]);
  for (let o = 0; o + 1 < b.start.length; o++) {
    for (let k = b.start[o]; k < b.start[o + 1]; k++) if (b.items[k] < nProducts) orders[fill[b.items[k]]++] = o;
  }
  return { start, orders };
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  xs.sort((a, b) => a - b);
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
}

/**
 * The value that `values.subarray(0, n).sort()[k]` would hold (the k-th smallest, 0-based), found
 * by quickselect in O(n) instead of a full sort. Reorders `values[0..n)`. With NaN present it sorts,
 * so NaN keeps its sorted place (last).
 */
export function kthSmallest(values: Float64Array, n: number, k: number): number {
  for (let i = 0; i < n; i++) {
    if (values[i] !== values[i]) {
      const sorted = values.subarray(0, n).sort();
      return sorted[k];
    }
  }
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    // Median of three as pivot, then Hoare partition.
    const mid = (lo + hi) >> 1;
    let a = values[lo];
    let b = values[mid];
    const c = values[hi];
    if (a > b) [a, b] = [b, a];
    const pivot = c < a ? a : c > b ? b : c;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}

export function baseRates(h: CustomerHistory, windowDays: number): Float64Array {
  const exposure = (d: number) => Math.min(1, (h.endDay - d) / windowDays);
  let total = 0;
  for (let c = 0; c < h.nCustomers; c++) if (h.custStart[c + 1] > h.custStart[c]) total += exposure(h.custFirstDay[h.custStart[c]]);
  const out = new Float64Array(h.nProducts);
  for (let p = 0; p < h.nProducts; p++) {
    let hits = 0;
    let owned = 0;
    for (let k = h.prodStart[p]; k < h.prodStart[p + 1]; k++) {
      const c = h.prodCustomer[k];
      const f0 = h.custFirstDay[h.custStart[c]];
      const lag = h.prodFirstDay[k] - f0;
      if (lag <= 0) owned += exposure(f0);
      else if (lag <= windowDays) hits++;
    }
    out[p] = total - owned > 0 ? hits / (total - owned) : 0;
  }
  return out;
}

export function buildNeighbors(h: CustomerHistory, options: NeighborOptions): NeighborTable {
  const N = options.windowDays;
  const minCustomers = options.minCustomers ?? 2;
  const maxNeighbors = options.maxNeighbors ?? 100;
  const P = h.nProducts;
  const po = options.baskets ? productOrders(options.baskets, P) : null;
  const buyers = new Int32Array(P);
  for (let p = 0; p < P; p++) buyers[p] = h.prodStart[p + 1] - h.prodStart[p];
  const orders = new Int32Array(P);
  if (po) for (let p = 0; p < P; p++) orders[p] = po.start[p + 1] - po.start[p];

  const seq = new Int32Array(P);
  const ownedExp = new Float64Array(P);
  const co = new Int32Array(P);
  const bask = new Int32Array(P);
  const slot = new Int32Array(P).fill(-1);
  const out = {
    target: [] as number[], seqCustomers: [] as number[], seqExposure: [] as number[], medianLagDays: [] as number[],
    coBuyers: [] as number[], cosine: [] as number[], basketOrders: [] as number[],
  };
  const start = new Int32Array(P + 1);

  const strengthOf = new Float64Array(P);
  const scratch = new Float64Array(P);
  const touched = new Int32Array(P);
  const { prodStart, prodCustomer, prodFirstDay, custStart, custProduct, custFirstDay, endDay } = h;
  for (let a = 0; a < P; a++) {
    let nt = 0;
    let expA = 0;
    for (let k = prodStart[a]; k < prodStart[a + 1]; k++) {
      const c = prodCustomer[k];
      const fA = prodFirstDay[k];
      const e = Math.min(1, (endDay - fA) / N);
      expA += e;
      const end = custStart[c + 1];
      for (let j = custStart[c]; j < end; j++) {
        const b = custProduct[j];
        if (co[b]++ === 0) touched[nt++] = b; // co > 0 marks a touched target
        const lag = custFirstDay[j] - fA;
        if (lag <= 0) ownedExp[b] += e;
        else if (lag <= N) seq[b]++;
      }
    }
    // a itself was counted as its own co-buyer; drop it.
    for (let i = 0; i < nt; i++) if (touched[i] === a) touched[i] = touched[--nt];
    co[a] = 0;
    seq[a] = 0;
    ownedExp[a] = 0;
    if (po && minCustomers >= 1) {
      // A target no customer bought together with a (co = 0, so also seq = 0) is dropped below, so
      // only co-bought targets need basket counts; co[a] is 0 here, which also skips a itself.
      const { start: bStart, items } = options.baskets!;
      for (let k = po.start[a]; k < po.start[a + 1]; k++) {
        const o = po.orders[k];
        const end = bStart[o + 1];
        for (let j = bStart[o]; j < end; j++) {
          const b = items[j];
          if (co[b] !== 0) bask[b]++;
        }
      }
    } else if (po) {
      const bs = options.baskets!;
      for (let k = po.start[a]; k < po.start[a + 1]; k++) {
        const o = po.orders[k];
        for (let j = bs.start[o]; j < bs.start[o + 1]; j++) {
          const b = bs.items[j];
          if (b === a) continue;
          if (co[b] === 0 && bask[b] === 0) touched[nt++] = b;
          bask[b]++;
        }
      }
    }
    // Keep the strongest targets: by the larger of sequence confidence and cosine, or by co-buyers.
    let nk = 0;
    for (let i = 0; i < nt; i++) {
      const b = touched[i];
      if (seq[b] < minCustomers && co[b] < minCustomers) {
        seq[b] = 0;
        ownedExp[b] = 0;
        co[b] = 0;
        bask[b] = 0;
        continue;
      }
      touched[nk++] = b; // compacting in place is safe: dropped targets were reset above
      if (options.rankBy === "coBuyers") strengthOf[b] = co[b];
      else {
        const den = expA - ownedExp[b];
        const conf = den > 0 ? seq[b] / (den + 1) : 0;
        strengthOf[b] = Math.max(conf, co[b] / Math.sqrt(buyers[a] * buyers[b]));
      }
    }
    let kept: number[];
    if (nk > maxNeighbors) {
      for (let i = 0; i < nk; i++) scratch[i] = strengthOf[touched[i]];
      const threshold = kthSmallest(scratch, nk, nk - maxNeighbors);
      let room = maxNeighbors;
      for (let i = 0; i < nk; i++) if (strengthOf[touched[i]] > threshold) room--;
      kept = [];
      for (let i = 0; i < nk; i++) {
        const b = touched[i];
        if (strengthOf[b] > threshold || (strengthOf[b] === threshold && room-- > 0)) kept.push(b);
      }
    } else kept = Array.from(touched.subarray(0, nk));
    const lags: number[][] = kept.map(() => []);
    kept.forEach((b, i) => (slot[b] = i));
    for (let k = h.prodStart[a]; options.medianLag && k < h.prodStart[a + 1]; k++) {
      const c = h.prodCustomer[k];
      const fA = h.prodFirstDay[k];
      for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) {
        const s = slot[h.custProduct[j]];
        const lag = h.custFirstDay[j] - fA;
        if (s >= 0 && lag > 0 && lag <= N) lags[s].push(lag);
      }
    }
    kept.forEach((b, i) => {
      out.target.push(b);
      out.seqCustomers.push(seq[b]);
      out.seqExposure.push(Math.max(0, expA - ownedExp[b]));
      out.medianLagDays.push(median(lags[i]));
      out.coBuyers.push(co[b]);
      out.cosine.push(co[b] / Math.sqrt(buyers[a] * buyers[b]));
      out.basketOrders.push(bask[b]);
      slot[b] = -1;
    });
    for (let i = 0; i < nk; i++) {
      const b = touched[i];
      seq[b] = 0;
      ownedExp[b] = 0;
      co[b] = 0;
      bask[b] = 0;
    }
    start[a + 1] = out.target.length;
  }
  return {
    windowDays: N,
    start,
    target: Int32Array.from(out.target),
    seqCustomers: Int32Array.from(out.seqCustomers),
    seqExposure: Float64Array.from(out.seqExposure),
    medianLagDays: Float64Array.from(out.medianLagDays),
    coBuyers: Int32Array.from(out.coBuyers),
    cosine: Float64Array.from(out.cosine),
    basketOrders: Int32Array.from(out.basketOrders),
    buyers,
    orders,
    baseRate: baseRates(h, N),
  };
}
