/**
 * RFM scores and named segments.
 *
 * Scores are quintiles by rank: score = 1 + floor(5 * w / n), where n is the number of customers
 * and w the number of customers with a strictly worse value (larger recency; smaller frequency or
 * monetary). Ties get the same score, so a long tail of one-order customers all get f = 1.
 *
 * Segment mapping (r = recency score, f = frequency score; monetary is reported but does not move
 * a customer between segments so that segments stay explainable in one sentence):
 *
 *   r \ f |  1           2-3          4-5
 *   ------+-------------------------------------
 *   4-5   |  New         Potential    Champions
 *   3     |  Hibernating Potential    Loyal
 *   2     |  Lost        Hibernating  At risk
 *   1     |  Lost        Lost         At risk
 */
import { dayOf } from "./dates";
import type { LineTable } from "./line-table";

export type SegmentName = "Champions" | "Loyal" | "Potential" | "New" | "At risk" | "Hibernating" | "Lost";

export interface CustomerRfm {
  customerId: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: SegmentName;
}

export function segmentFor(r: number, f: number): SegmentName {
  if (r >= 4) return f >= 4 ? "Champions" : f >= 2 ? "Potential" : "New";
  if (r === 3) return f >= 4 ? "Loyal" : f >= 2 ? "Potential" : "Hibernating";
  if (r === 2) return f >= 4 ? "At risk" : f >= 2 ? "Hibernating" : "Lost";
  return f >= 4 ? "At risk" : "Lost";
}

/** Quintile score per value; higherIsBetter decides the direction. */
export function quintileScores(values: ArrayLike<number>, higherIsBetter: boolean): Int8Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) =>
    higherIsBetter ? values[i] - values[j] : values[j] - values[i],
  );
  const scores = new Int8Array(n);
  let k = 0;
  while (k < n) {
    let end = k;
    while (end + 1 < n && values[order[end + 1]] === values[order[k]]) end++;
    const score = 1 + Math.floor((5 * k) / n); // k customers are strictly worse
    for (let j = k; j <= end; j++) scores[order[j]] = score;
    k = end + 1;
  }
  return scores;
}

/**
 * RFM as of a date: lines before asOfDay count; recency is days from the last purchase day to
 * asOfDay; frequency counts distinct orders with a purchase; monetary is net spend (returns subtract).
 */
export function computeRfm(t: LineTable, asOfDay: number): CustomerRfm[] {
  const nc = t.customerIds.length;
  const last = new Int32Array(nc).fill(-1);
  const monetary = new Float64Array(nc);
  const lastOrderSeen = new Int32Array(nc).fill(-1);
  const orders = new Set<number>();
  const frequency = new Int32Array(nc);
  for (let i = 0; i < t.length; i++) {
    const c = t.customerIdx[i];
    if (c < 0) continue;
    const day = dayOf(t.time[i]);
    if (day >= asOfDay) continue;
    monetary[c] += t.quantity[i] * t.unitPrice[i];
    if (t.quantity[i] <= 0) continue;
    if (day > last[c]) last[c] = day;
    const o = t.orderIdx[i];
    if (lastOrderSeen[c] !== o && !orders.has(o)) {
      orders.add(o);
      frequency[c]++;
    }
    lastOrderSeen[c] = o;
  }
  const ids: number[] = [];
  for (let c = 0; c < nc; c++) if (last[c] >= 0) ids.push(c);
  const rec = ids.map((c) => asOfDay - last[c]);
  const freq = ids.map((c) => frequency[c]);
  const mon = ids.map((c) => monetary[c]);
  const r = quintileScores(rec, false);
  const f = quintileScores(freq, true);
  const m = quintileScores(mon, true);
  return ids.map((c, k) => ({
    customerId: t.customerIds[c],
    recencyDays: rec[k],
    frequency: freq[k],
    monetary: Math.round(mon[k] * 100) / 100,
    r: r[k],
    f: f[k],
    m: m[k],
    segment: segmentFor(r[k], f[k]),
  }));
}
