/**
 * BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"). Inputs per
 * customer: x repeat purchases, t_x time of the last purchase and T age, both measured in periods
 * from the first purchase.
 */
import { minimize } from "./optimize";
import { hyp2f1, lgamma } from "./special-functions";

export interface RfSummary {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit extends BgNbdParams {
  logLikelihood: number;
  converged: boolean;
  iterations: number;
}

/** Total log-likelihood (FHL 2005 eq. 6). Terms that depend only on x are computed once per distinct x. */
export function bgnbdLogLikelihood(p: BgNbdParams, s: RfSummary): number {
  const { r, alpha, a, b } = p;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return -Infinity;
  const perX = new Map<number, number>();
  const lnAlpha = Math.log(alpha);
  const lgR = lgamma(r);
  const lgAB = lgamma(a + b);
  const lgB = lgamma(b);
  let ll = 0;
  for (let i = 0; i < s.x.length; i++) {
    const x = s.x[i];
    let base = perX.get(x);
    if (base === undefined) {
      base = lgamma(r + x) - lgR + r * lnAlpha + lgAB + lgamma(b + x) - lgB - lgamma(a + b + x);
      perX.set(x, base);
    }
    const a3 = -(r + x) * Math.log(alpha + s.T[i]);
    if (x > 0) {
      const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + s.tx[i]);
      const m = Math.max(a3, a4);
      ll += base + m + Math.log(Math.exp(a3 - m) + Math.exp(a4 - m));
    } else {
      ll += base + a3;
    }
  }
  return ll;
}

/** Maximum-likelihood fit on log parameters (keeps them positive). */
export function fitBgNbd(s: RfSummary): BgNbdFit {
  const n = s.x.length;
  const objective = (v: number[]) =>
    -bgnbdLogLikelihood({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) }, s) / n;
  // Start alpha near the mean age, as the scale of inter-purchase time.
  let meanT = 0;
  for (let i = 0; i < n; i++) meanT += s.T[i] / n;
  const res = minimize(objective, [0, Math.log(Math.max(meanT, 1e-3) / 4), 0, 0]);
  const [r, alpha, a, b] = res.x.map(Math.exp);
  const params = { r, alpha, a, b };
  const bounded = [r, alpha, a, b].every((v) => v > 1e-8 && v < 1e8);
  return { ...params, logLikelihood: bgnbdLogLikelihood(params, s), converged: res.converged && bounded, iterations: res.iterations };
}

/** P(customer still alive | x, t_x, T); exactly 1 when x = 0. */
export function probabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = p;
  const ratio = Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)));
  return 1 / (1 + (a / (b + x - 1)) * ratio);
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t periods (FHL 2005 eq. 10). Singular at a = 1. */
export function conditionalExpectedPurchases(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  if (a === 1) return NaN;
  const z = t / (alpha + T + t);
  const f = hyp2f1(r + x, b + x, a + b + x - 1, z);
  const second = 1 - Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) * f;
  const first = (a + b + x - 1) / (a - 1);
  const denom = x > 0 ? 1 + (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx))) : 1;
  return (first * second) / denom;
}
