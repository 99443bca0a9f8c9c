/**
 * Uplift of treated accounts over the holdout (intent to treat): two independent proportions.
 * - difference with the Newcombe hybrid score interval (his method 10: Wilson intervals of each rate,
 *   no continuity correction; statsmodels `confint_proportions_2indep(method="newcomb")`);
 * - pooled two-proportion z-test, two-sided (statsmodels `proportions_ztest`);
 * - sample-ratio mismatch: chi-square of the group sizes against the configured holdout share (scipy
 *   `chisquare`, one degree of freedom);
 * - the minimum detectable effect at 80% power, and the weeks more a given lift needs at the current volume.
 * Pure: no database, no clock.
 */

export interface Group {
  conversions: number;
  n: number;
}

export interface GroupRate extends Group {
  rate: number;
}

export interface UpliftResult {
  treated: GroupRate;
  holdout: GroupRate;
  /** treated rate - holdout rate */
  diff: number;
  ciLow: number;
  ciHigh: number;
  confidence: number;
  /** diff / holdout rate; null when the holdout rate is 0 */
  relativeLift: number | null;
  /** null when both groups have rate 0 or both 1 (no variance: the test is undefined) */
  z: number | null;
  pValue: number | null;
  srm: { chi2: number; pValue: number; holdoutShare: number };
  /** smallest difference detectable at 80% power with these sizes; null without variance */
  mde: number | null;
}

export class EmptyGroupError extends Error {
  constructor(readonly group: "treated" | "holdout") {
    super(`the ${group} group is empty (n = 0): no rate to compare`);
    this.name = "EmptyGroupError";
  }
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * Upper tail P(Z > |x|) of the standard normal, Hart's double-precision rational approximation
 * (as given by West, "Better approximations to cumulative normal functions", 2005): about 1e-14 absolute,
 * so p-values keep their digits far into the tail where 1 - Φ(x) would cancel.
 */
function upperTail(x: number): number {
  const a = Math.abs(x);
  if (a > 37) return 0;
  const e = Math.exp((-a * a) / 2);
  if (a < 7.07106781186547) {
    let num = 3.52624965998911e-2 * a + 0.700383064443688;
    num = num * a + 6.37396220353165;
    num = num * a + 33.912866078383;
    num = num * a + 112.079291497871;
    num = num * a + 221.213596169931;
    num = num * a + 220.206867912376;
    let den = 8.83883476483184e-2 * a + 1.75566716318264;
    den = den * a + 16.064177579207;
    den = den * a + 86.7807322029461;
    den = den * a + 296.564248779674;
    den = den * a + 637.333633378831;
    den = den * a + 793.826512519948;
    den = den * a + 440.413735824752;
    return (e * num) / den;
  }
  let b = a + 0.65;
  b = a + 4 / b;
  b = a + 3 / b;
  b = a + 2 / b;
  b = a + 1 / b;
  return e / b / SQRT_2PI;
}

/** Φ(x), the standard normal distribution function. */
export function normalCdf(x: number): number {
  const t = upperTail(x);
  return x > 0 ? 1 - t : t;
}

/** Φ⁻¹(p): Acklam's rational approximation refined by one Halley step (full double precision). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return NaN;
  }
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  let x: number;
  if (p < 0.02425) x = tail(Math.sqrt(-2 * Math.log(p)));
  else if (p > 1 - 0.02425) x = -tail(Math.sqrt(-2 * Math.log(1 - p)));
  else {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * SQRT_2PI * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Wilson score interval of x successes in n trials. */
export function wilsonInterval(x: number, n: number, confidence = 0.95): [number, number] {
  if (n <= 0) throw new RangeError("n must be positive");
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((x * (n - x)) / n + z2 / 4);
  // At x = 0 (x = n) the bound is exactly 0 (1); rounding would leave 1e-18 there.
  return [x === 0 ? 0 : Math.max(0, centre - half), x === n ? 1 : Math.min(1, centre + half)];
}

/** Newcombe's hybrid score interval for p1 - p2. */
export function newcombeInterval(a: Group, b: Group, confidence = 0.95): [number, number] {
  const p1 = a.conversions / a.n;
  const p2 = b.conversions / b.n;
  const [l1, u1] = wilsonInterval(a.conversions, a.n, confidence);
  const [l2, u2] = wilsonInterval(b.conversions, b.n, confidence);
  const d = p1 - p2;
  return [d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)];
}

/** Pooled two-proportion z-test, two-sided; null when the pooled rate is 0 or 1. */
export function twoProportionZTest(a: Group, b: Group): { z: number; pValue: number } | null {
  const pooled = (a.conversions + b.conversions) / (a.n + b.n);
  const variance = pooled * (1 - pooled) * (1 / a.n + 1 / b.n);
  if (!(variance > 0)) return null;
  const z = (a.conversions / a.n - b.conversions / b.n) / Math.sqrt(variance);
  return { z, pValue: Math.min(1, 2 * upperTail(z)) };
}

/** Chi-square goodness of fit of the group sizes to shares (1 - S, S); one degree of freedom. */
export function sampleRatioMismatch(treatedN: number, holdoutN: number, holdoutShare: number): { chi2: number; pValue: number } {
  if (!(holdoutShare > 0 && holdoutShare < 1)) throw new RangeError("holdout share must be between 0 and 1 (exclusive)");
  const total = treatedN + holdoutN;
  const eT = total * (1 - holdoutShare);
  const eH = total * holdoutShare;
  const chi2 = total === 0 ? 0 : (treatedN - eT) ** 2 / eT + (holdoutN - eH) ** 2 / eH;
  // With one degree of freedom, P(chi2 > c) = P(|Z| > sqrt(c)).
  return { chi2, pValue: Math.min(1, 2 * upperTail(Math.sqrt(chi2))) };
}

/** (z_{1-α/2} + z_{power})², the factor in every sample-size formula below. */
function powerFactor(confidence: number, power: number): number {
  return (normalQuantile(1 - (1 - confidence) / 2) + normalQuantile(power)) ** 2;
}

/** Minimum detectable difference for sizes n1, n2 at a base rate (normal approximation). */
export function minimumDetectableEffect(n1: number, n2: number, baseRate: number, confidence = 0.95, power = 0.8): number | null {
  const v = baseRate * (1 - baseRate);
  if (!(v > 0) || n1 <= 0 || n2 <= 0) return null;
  return Math.sqrt(powerFactor(confidence, power) * v * (1 / n1 + 1 / n2));
}

/**
 * Accounts needed in total (both groups, split by the holdout share) to detect `lift` at the base rate;
 * the weeks more it takes at the observed intake (`accountsPerWeek`). 0 when already enough.
 */
export function weeksToDetect(o: {
  baseRate: number; lift: number; holdoutShare: number; accountsSoFar: number; accountsPerWeek: number; confidence?: number; power?: number;
}): { requiredAccounts: number; weeks: number } | null {
  const v = o.baseRate * (1 - o.baseRate);
  if (!(v > 0) || !(o.lift > 0) || !(o.holdoutShare > 0 && o.holdoutShare < 1)) return null;
  const required = Math.ceil((powerFactor(o.confidence ?? 0.95, o.power ?? 0.8) * v * (1 / (1 - o.holdoutShare) + 1 / o.holdoutShare)) / o.lift ** 2);
  const missing = Math.max(0, required - o.accountsSoFar);
  if (missing === 0) return { requiredAccounts: required, weeks: 0 };
  if (!(o.accountsPerWeek > 0)) return null;
  return { requiredAccounts: required, weeks: missing / o.accountsPerWeek };
}

function checkGroup(g: Group, name: "treated" | "holdout"): void {
  if (!Number.isInteger(g.n) || !Number.isInteger(g.conversions) || g.n < 0 || g.conversions < 0) {
    throw new RangeError(`${name}: conversions and n must be non-negative integers`);
  }
  if (g.conversions > g.n) throw new RangeError(`${name}: conversions (${g.conversions}) exceed n (${g.n})`);
  if (g.n === 0) throw new EmptyGroupError(name);
}

/** Everything the uplift section and the command line report. Throws EmptyGroupError on n = 0. */
export function upliftTest(treated: Group, holdout: Group, o: { holdoutShare?: number; confidence?: number } = {}): UpliftResult {
  checkGroup(treated, "treated");
  checkGroup(holdout, "holdout");
  const confidence = o.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError("confidence must be between 0 and 1 (exclusive)");
  const holdoutShare = o.holdoutShare ?? 0.1;
  const t = treated.conversions / treated.n;
  const h = holdout.conversions / holdout.n;
  const [ciLow, ciHigh] = newcombeInterval(treated, holdout, confidence);
  const test = twoProportionZTest(treated, holdout);
  const pooled = (treated.conversions + holdout.conversions) / (treated.n + holdout.n);
  return {
    treated: { ...treated, rate: t },
    holdout: { ...holdout, rate: h },
    diff: t - h,
    ciLow,
    ciHigh,
    confidence,
    relativeLift: h > 0 ? (t - h) / h : null,
    z: test?.z ?? null,
    pValue: test?.pValue ?? null,
    srm: { ...sampleRatioMismatch(treated.n, holdout.n, holdoutShare), holdoutShare },
    mde: minimumDetectableEffect(treated.n, holdout.n, pooled, confidence),
  };
}
