/**
 * Customer lifetime value: BG/NBD for the number of future purchases and P(alive), Gamma-Gamma for
 * the spend per purchase, discounted over a horizon. When the data cannot support a model the
 * result says why and falls back (BG/NBD -> historic value; Gamma-Gamma -> the customer's own mean).
 */
import { conditionalExpectedPurchases, fitBgNbd, probabilityAlive, type BgNbdParams } from "./bgnbd";
import { summarizeCustomers } from "./customer-summary";
import { conditionalExpectedSpend, fitGammaGamma, type GammaGammaParams } from "./gamma-gamma";
import type { LineTable } from "./line-table";

export type Period = "day" | "week";

export interface ClvOptions {
  calibrationEndDay: number;
  period?: Period;
  /** Horizon in periods; default one year. */
  horizon?: number;
  /** Annual discount rate; default 0.1. */
  discountRate?: number;
  /** Discounting steps over the horizon; default one per period, at most 52. */
  discountSteps?: number;
  /**
   * Fit both models on at most this many customers (an evenly spaced, deterministic subset); every
   * customer still gets a prediction. Default: all customers. Bounds the fitting time on big data.
   */
  fitSample?: number;
}

/** Every k-th customer of the summary, so at most `max` remain. */
function subsample<T extends { x: Float64Array; tx: Float64Array; T: Float64Array; monetary: Float64Array }>(s: T, max: number | undefined): T {
  const n = s.x.length;
  if (max === undefined || n <= max) return s;
  const pick = (a: Float64Array) => Float64Array.from({ length: max }, (_, i) => a[Math.floor((i * n) / max)]);
  return { ...s, x: pick(s.x), tx: pick(s.tx), T: pick(s.T), monetary: pick(s.monetary) };
}

export interface CustomerClv {
  customerId: string;
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: number;
  historicValue: number;
  pAlive: number | null;
  expectedPurchases: number | null;
  expectedSpend: number | null;
  clv: number;
}

export interface ClvResult {
  model: "bgnbd" | "historic";
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number } | null;
  gammaGamma: { p: number; q: number; v: number } | null;
  /** Why a model was not used; null when both were fitted. */
  fallbackReason: string | null;
  period: Period;
  horizon: number;
  discountRate: number;
  customers: CustomerClv[];
}

/** Below these the estimates are too noisy to act on. */
export const MIN_CUSTOMERS = 30;
export const MIN_REPEAT_CUSTOMERS = 10;
const MAX_DISCOUNT_STEPS = 52;

export function computeClv(t: LineTable, options: ClvOptions): ClvResult {
  const period = options.period ?? "week";
  const periodDays = period === "week" ? 7 : 1;
  const horizon = options.horizon ?? (period === "week" ? 52 : 365);
  const discountRate = options.discountRate ?? 0.1;
  const s = summarizeCustomers(t, options.calibrationEndDay, periodDays);
  const n = s.x.length;
  let repeaters = 0;
  for (let i = 0; i < n; i++) if (s.x[i] > 0) repeaters++;

  let reason: string | null = null;
  let bg: (BgNbdParams & { logLikelihood: number }) | null = null;
  if (n < MIN_CUSTOMERS || repeaters < MIN_REPEAT_CUSTOMERS) {
    reason = `too little data for BG/NBD: ${n} customers, ${repeaters} with repeat purchases (need ${MIN_CUSTOMERS} and ${MIN_REPEAT_CUSTOMERS}); CLV is historic value`;
  } else {
    const fit = fitBgNbd(subsample(s, options.fitSample));
    if (!fit.converged) reason = "BG/NBD fit did not converge; CLV is historic value";
    else if (Math.abs(fit.a - 1) < 1e-6) reason = "BG/NBD fit has a = 1, where expected purchases are singular; CLV is historic value";
    else bg = fit;
  }

  let gg: GammaGammaParams | null = null;
  if (bg) {
    let spenders = 0;
    for (let i = 0; i < n; i++) if (s.x[i] > 0 && s.monetary[i] > 0) spenders++;
    if (spenders < MIN_REPEAT_CUSTOMERS) {
      reason = `Gamma-Gamma not fitted: ${spenders} repeat customers with positive spend; expected spend is the customer's mean`;
    } else {
      const sample = subsample(s, options.fitSample);
      const fit = fitGammaGamma(sample.x, sample.monetary);
      if (!fit.converged) reason = "Gamma-Gamma fit did not converge; expected spend is the customer's mean";
      else if (!(fit.q > 1)) reason = `Gamma-Gamma fit has q = ${fit.q.toFixed(3)} <= 1 (infinite mean spend); expected spend is the customer's mean`;
      else gg = fit;
    }
  }

  const perPeriodRate = Math.pow(1 + discountRate, periodDays / 365) - 1;
  const steps = Math.max(1, Math.min(options.discountSteps ?? MAX_DISCOUNT_STEPS, MAX_DISCOUNT_STEPS, Math.ceil(horizon)));
  const customers: CustomerClv[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const x = s.x[i];
    const tx = s.tx[i];
    const T = s.T[i];
    const base = {
      customerId: t.customerIds[s.customer[i]],
      frequency: x,
      recency: tx,
      T,
      monetaryValue: s.monetary[i],
      historicValue: s.historic[i],
    };
    if (!bg) {
      customers[i] = { ...base, pAlive: null, expectedPurchases: null, expectedSpend: null, clv: s.historic[i] };
      continue;
    }
    const spend = gg ? conditionalExpectedSpend(gg, x, s.monetary[i]) : s.meanDaySpend[i];
    // Discount the expected purchases step by step (at most 52 steps over the horizon).
    let clv = 0;
    let prev = 0;
    for (let k = 1; k <= steps; k++) {
      const time = (horizon * k) / steps;
      const cum = conditionalExpectedPurchases(bg, time, x, tx, T);
      clv += ((cum - prev) * spend) / Math.pow(1 + perPeriodRate, time);
      prev = cum;
    }
    customers[i] = { ...base, pAlive: probabilityAlive(bg, x, tx, T), expectedPurchases: prev, expectedSpend: spend, clv };
  }
  return {
    model: bg ? "bgnbd" : "historic",
    bgnbd: bg ? { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b, logLikelihood: bg.logLikelihood } : null,
    gammaGamma: gg ? { p: gg.p, q: gg.q, v: gg.v } : null,
    fallbackReason: reason,
    period,
    horizon,
    discountRate,
    customers,
  };
}
