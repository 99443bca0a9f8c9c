/**
 * Gamma-Gamma model of spend per transaction (Fader & Hardie 2013, "The Gamma-Gamma Model of
 * Monetary Value"), fitted on customers with at least one repeat purchase; x is the number of
 * repeat purchases and m their mean spend.
 */
import { minimize } from "./optimize";
import { lgamma } from "./special-functions";

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  logLikelihood: number;
  converged: boolean;
}

export function gammaGammaLogLikelihood(g: GammaGammaParams, x: Float64Array, m: Float64Array): number {
  const { p, q, v } = g;
  if (!(p > 0 && q > 0 && v > 0)) return -Infinity;
  const c = -lgamma(q) + q * Math.log(v);
  let ll = 0;
  for (let i = 0; i < x.length; i++) {
    const px = p * x[i];
    ll += lgamma(px + q) - lgamma(px) + c + (px - 1) * Math.log(m[i]) + px * Math.log(x[i]) - (px + q) * Math.log(x[i] * m[i] + v);
  }
  return ll;
}

/** Fits on the customers with x > 0 and m > 0 only. */
export function fitGammaGamma(xAll: Float64Array, mAll: Float64Array): GammaGammaFit {
  const keep: number[] = [];
  for (let i = 0; i < xAll.length; i++) if (xAll[i] > 0 && mAll[i] > 0) keep.push(i);
  const x = Float64Array.from(keep, (i) => xAll[i]);
  const m = Float64Array.from(keep, (i) => mAll[i]);
  const n = Math.max(1, keep.length);
  let mean = 0;
  for (let i = 0; i < m.length; i++) mean += m[i] / n;
  const objective = (w: number[]) => -gammaGammaLogLikelihood({ p: Math.exp(w[0]), q: Math.exp(w[1]), v: Math.exp(w[2]) }, x, m) / n;
  const res = minimize(objective, [0, Math.log(2), Math.log(Math.max(mean, 1e-6))]);
  const [p, q, v] = res.x.map(Math.exp);
  const bounded = [p, q, v].every((z) => z > 1e-8 && z < 1e8);
  return { p, q, v, logLikelihood: gammaGammaLogLikelihood({ p, q, v }, x, m), converged: res.converged && bounded };
}

/** E[M | x, m]: posterior mean spend per transaction; the population mean p v / (q - 1) when x = 0. */
export function conditionalExpectedSpend(g: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = g;
  return (p * (v + x * m)) / (p * x + q - 1);
}
