/**
 * Per-customer recency/frequency summary with the Fader-Hardie-Lee definitions: purchases on the
 * same calendar day merge into one (spend summed); x = purchase days - 1; t_x and T are measured from
 * the first purchase day to the last purchase day and to the calibration end, in periods.
 */
import { dayOf } from "./dates";
import type { LineTable } from "./line-table";

export interface CustomerSummary {
  /** Customer index into LineTable.customerIds. */
  customer: Int32Array;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Mean spend of the repeat purchase days (first day excluded); 0 when x = 0. */
  monetary: Float64Array;
  /** Net spend over all lines up to the calibration end, returns included (historic value). */
  historic: Float64Array;
  /** Mean spend per purchase day, first day included. */
  meanDaySpend: Float64Array;
}

/** calibrationEndDay is inclusive; periodDays is 1 (day) or 7 (week). */
export function summarizeCustomers(t: LineTable, calibrationEndDay: number, periodDays: number): CustomerSummary {
  // Sort the purchase lines of the calibration window by (customer, day) through one index array.
  const idx: number[] = [];
  const historicAll = new Float64Array(t.customerIds.length);
  for (let i = 0; i < t.length; i++) {
    const c = t.customerIdx[i];
    if (c < 0 || dayOf(t.time[i]) > calibrationEndDay) continue;
    historicAll[c] += t.quantity[i] * t.unitPrice[i];
    idx.push(i);
  }
  const day = new Int32Array(t.length);
  for (const i of idx) day[i] = dayOf(t.time[i]);
  idx.sort((i, j) => t.customerIdx[i] - t.customerIdx[j] || day[i] - day[j]);

  const out = { customer: [] as number[], x: [] as number[], tx: [] as number[], T: [] as number[], monetary: [] as number[], historic: [] as number[], meanDaySpend: [] as number[] };
  let k = 0;
  while (k < idx.length) {
    const c = t.customerIdx[idx[k]];
    let first = -1;
    let last = -1;
    let days = 0;
    let repeatSpend = 0;
    let allSpend = 0;
    let curDay = -1;
    let curSpend = 0;
    let curHasPurchase = false;
    const closeDay = () => {
      if (!curHasPurchase) return;
      if (first < 0) first = curDay;
      else repeatSpend += curSpend;
      last = curDay;
      days++;
      allSpend += curSpend;
    };
    for (; k < idx.length && t.customerIdx[idx[k]] === c; k++) {
      const i = idx[k];
      if (day[i] !== curDay) {
        closeDay();
        curDay = day[i];
        curSpend = 0;
        curHasPurchase = false;
      }
      curSpend += t.quantity[i] * t.unitPrice[i];
      if (t.quantity[i] > 0) curHasPurchase = true;
    }
    closeDay();
    if (days === 0) continue; // only returns
    const x = days - 1;
    out.customer.push(c);
    out.x.push(x);
    out.tx.push((last - first) / periodDays);
    out.T.push((calibrationEndDay - first) / periodDays);
    out.monetary.push(x > 0 ? repeatSpend / x : 0);
    out.historic.push(historicAll[c]);
    out.meanDaySpend.push(allSpend / days);
  }
  return {
    customer: Int32Array.from(out.customer),
    x: Float64Array.from(out.x),
    tx: Float64Array.from(out.tx),
    T: Float64Array.from(out.T),
    monetary: Float64Array.from(out.monetary),
    historic: Float64Array.from(out.historic),
    meanDaySpend: Float64Array.from(out.meanDaySpend),
  };
}
