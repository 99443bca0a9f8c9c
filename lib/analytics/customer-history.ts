/**
 * Who bought what and when, up to an as-of day: per customer the distinct products with the first
 * and last purchase day, and per product its buyers. Built in O(lines) with one dense per-product
 * scratch array, so memory is O(lines + products + customers).
 */
import { dayOf } from "./dates";
import type { LineTable } from "./line-table";

export interface CustomerHistory {
  endDay: number;
  nCustomers: number;
  nProducts: number;
  customerIds: string[];
  productIds: string[];
  /** Customer c owns custProduct[custStart[c] .. custStart[c+1]), sorted by first purchase day. */
  custStart: Int32Array;
  custProduct: Int32Array;
  custFirstDay: Int32Array;
  custLastDay: Int32Array;
  /** Last purchase day of the customer, -1 when none. */
  lastPurchaseDay: Int32Array;
  /** Product p was bought by prodCustomer[prodStart[p] .. prodStart[p+1]) (ascending), first on prodFirstDay. */
  prodStart: Int32Array;
  prodCustomer: Int32Array;
  prodFirstDay: Int32Array;
  /** Quantity-weighted mean unit price of the product's purchase lines. */
  avgPrice: Float64Array;
}

/** Uses purchase lines (quantity > 0) with a customer and a day before endDay. */
export function buildHistory(t: LineTable, endDay: number): CustomerHistory {
  const nC = t.customerIds.length;
  const nP = t.productIds.length;
  const lineStart = new Int32Array(nC + 1);
  const qtySum = new Float64Array(nP);
  const revSum = new Float64Array(nP);
  const day = new Int32Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const c = t.customerIdx[i];
    day[i] = dayOf(t.time[i]);
    if (t.quantity[i] <= 0 || day[i] >= endDay) continue;
    qtySum[t.productIdx[i]] += t.quantity[i];
    revSum[t.productIdx[i]] += t.quantity[i] * t.unitPrice[i];
    if (c >= 0) lineStart[c + 1]++;
  }
  for (let c = 0; c < nC; c++) lineStart[c + 1] += lineStart[c];
  const fill = lineStart.slice(0, nC);
  const lines = new Int32Array(lineStart[nC]);
  for (let i = 0; i < t.length; i++) {
    const c = t.customerIdx[i];
    if (c >= 0 && t.quantity[i] > 0 && day[i] < endDay) lines[fill[c]++] = i;
  }

  const stamp = new Int32Array(nP).fill(-1);
  const first = new Int32Array(nP);
  const last = new Int32Array(nP);
  const custStart = new Int32Array(nC + 1);
  const custProduct: number[] = [];
  const custFirstDay: number[] = [];
  const custLastDay: number[] = [];
  const lastPurchaseDay = new Int32Array(nC).fill(-1);
  const prodCount = new Int32Array(nP + 1);
  for (let c = 0; c < nC; c++) {
    const owned: number[] = [];
    for (let k = lineStart[c]; k < lineStart[c + 1]; k++) {
      const i = lines[k];
      const p = t.productIdx[i];
      const d = day[i];
      if (stamp[p] !== c) {
        stamp[p] = c;
        first[p] = d;
        last[p] = d;
        owned.push(p);
      } else {
        if (d < first[p]) first[p] = d;
        if (d > last[p]) last[p] = d;
      }
      if (d > lastPurchaseDay[c]) lastPurchaseDay[c] = d;
    }
    owned.sort((x, y) => first[x] - first[y] || x - y);
    for (const p of owned) {
      custProduct.push(p);
      custFirstDay.push(first[p]);
      custLastDay.push(last[p]);
      prodCount[p + 1]++;
    }
    custStart[c + 1] = custProduct.length;
  }
  for (let p = 0; p < nP; p++) prodCount[p + 1] += prodCount[p];
  const prodStart = prodCount;
  const pf = prodStart.slice(0, nP);
  const prodCustomer = new Int32Array(custProduct.length);
  const prodFirstDay = new Int32Array(custProduct.length);
  for (let c = 0; c < nC; c++) {
    for (let k = custStart[c]; k < custStart[c + 1]; k++) {
      const p = custProduct[k];
      prodCustomer[pf[p]] = c;
      prodFirstDay[pf[p]++] = custFirstDay[k];
    }
  }
  const avgPrice = new Float64Array(nP);
  for (let p = 0; p < nP; p++) avgPrice[p] = qtySum[p] > 0 ? revSum[p] / qtySum[p] : 0;
  return {
    endDay,
    nCustomers: nC,
    nProducts: nP,
    customerIds: t.customerIds,
    productIds: t.productIds,
    custStart,
    custProduct: Int32Array.from(custProduct),
    custFirstDay: Int32Array.from(custFirstDay),
    custLastDay: Int32Array.from(custLastDay),
    lastPurchaseDay,
    prodStart,
    prodCustomer,
    prodFirstDay,
    avgPrice,
  };
}

export function buyerCount(h: CustomerHistory, p: number): number {
  return h.prodStart[p + 1] - h.prodStart[p];
}
