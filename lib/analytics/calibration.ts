/**
 * Probability calibration of ranking scores by isotonic regression (pool adjacent violators).
 *
 * The recommender's score is a good ranking but not a probability (cosine similarity enters a noisy-OR
 * as if it were one). A monotone map fitted on held-out outcomes turns it into P(buy) without changing
 * the order of any two scores: `fitIsotonic` fits the non-decreasing step function that minimises the
 * weighted squared error, and `calibrate` reads it with linear interpolation between the knots,
 * clipped at both ends (as scikit-learn's IsotonicRegression with out_of_bounds="clip").
 * Pure functions on plain arrays; the fit on a holdout window lives in recommend.ts.
 */

/** A fitted monotone map: knots x ascending, y non-decreasing, same length (>= 1). */
export interface Calibration {
  x: number[];
  y: number[];
  /** Observations (sum of weights) and positives the map was fitted on, for reports. */
  n: number;
  positives: number;
}

/**
 * Weighted pool-adjacent-violators: the non-decreasing sequence f minimising sum w_i (y_i - f_i)^2,
 * for y already in x order. Weights default to 1 and must be > 0.
 */
export function pav(y: ArrayLike<number>, w?: ArrayLike<number>): Float64Array {
  const n = y.length;
  // Blocks on a stack: mean, weight and the index where each starts.
  const mean = new Float64Array(n);
  const weight = new Float64Array(n);
  const start = new Int32Array(n);
  let top = -1;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    if (!(wi > 0)) throw new Error(`pav: weight ${i} must be > 0, got ${wi}`);
    top++;
    mean[top] = y[i];
    weight[top] = wi;
    start[top] = i;
    // Merge while the last block is below the one before it (a violation).
    while (top > 0 && mean[top - 1] >= mean[top]) {
      const W = weight[top - 1] + weight[top];
      mean[top - 1] = (mean[top - 1] * weight[top - 1] + mean[top] * weight[top]) / W;
      weight[top - 1] = W;
      top--;
    }
  }
  const out = new Float64Array(n);
  for (let b = 0; b <= top; b++) {
    const end = b < top ? start[b + 1] : n;
    out.fill(mean[b], start[b], end);
  }
  return out;
}

/**
 * Isotonic regression of y on x (any order; tied x are pooled first, as scikit-learn does), reduced to
 * the knots needed to reproduce it: the first and last x of every constant piece.
 */
export function fitIsotonic(x: ArrayLike<number>, y: ArrayLike<number>, w?: ArrayLike<number>): Calibration {
  const n = x.length;
  if (n === 0 || y.length !== n || (w && w.length !== n)) throw new Error("fitIsotonic: need equally long, non-empty x, y (and w)");
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
  const ux: number[] = [];
  const uw: number[] = [];
  const uy: number[] = [];
  let positives = 0;
  for (const i of order) {
    const wi = w ? w[i] : 1;
    positives += wi * y[i];
    const last = ux.length - 1;
    if (last >= 0 && ux[last] === x[i]) {
      uy[last] += wi * y[i];
      uw[last] += wi;
    } else {
      ux.push(x[i]);
      uy.push(wi * y[i]);
      uw.push(wi);
    }
  }
  return fromPooled(ux, uy.map((s, i) => s / uw[i]), uw, positives);
}

/**
 * The same fit for 0/1 outcomes given as the scores of positives and of negatives (Float64Array so they
 * sort natively, which matters for millions of points). Negatives may carry one common weight (1 / their
 * subsampling rate when only every m-th negative was kept). Both arrays are sorted in place.
 */
export function fitIsotonicBinary(positive: Float64Array, negative: Float64Array, negativeWeight = 1, minBlockWeight = 0): Calibration {
  if (positive.length + negative.length === 0) throw new Error("fitIsotonicBinary: no observations");
  positive.sort();
  negative.sort();
  const ux: number[] = [];
  const uy: number[] = [];
  const uw: number[] = [];
  let i = 0;
  let j = 0;
  while (i < positive.length || j < negative.length) {
    const v = j >= negative.length || (i < positive.length && positive[i] <= negative[j]) ? positive[i] : negative[j];
    let pos = 0;
    let wt = 0;
    while (i < positive.length && positive[i] === v) {
      pos++;
      wt++;
      i++;
    }
    while (j < negative.length && negative[j] === v) {
      wt += negativeWeight;
      j++;
    }
    ux.push(v);
    uy.push(pos / wt);
    uw.push(wt);
  }
  return fromPooled(ux, uy, uw, positive.length, minBlockWeight);
}

/**
 * Pools every constant piece of a PAV fit lighter than minWeight with its right neighbour (the last
 * one with its left), so no probability rests on a handful of observations (a top piece of three
 * buyers out of three would say 100%). Pooling neighbours keeps the fit non-decreasing.
 */
export function poolLightBlocks(f: Float64Array, w: ArrayLike<number>, minWeight: number): Float64Array {
  if (!(minWeight > 0) || f.length === 0) return f;
  const starts: number[] = [];
  const means: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < f.length; i++) {
    if (i === 0 || f[i] !== f[i - 1]) {
      starts.push(i);
      means.push(0);
      weights.push(0);
    }
    const b = means.length - 1;
    means[b] += f[i] * w[i];
    weights[b] += w[i];
  }
  // means hold weighted sums until divided below.
  const S: number[] = [];
  const W: number[] = [];
  const B: number[] = [];
  for (let b = 0; b < starts.length; b++) {
    if (S.length > 0 && W[W.length - 1] < minWeight) {
      S[S.length - 1] += means[b];
      W[W.length - 1] += weights[b];
    } else {
      S.push(means[b]);
      W.push(weights[b]);
      B.push(starts[b]);
    }
  }
  while (S.length > 1 && W[W.length - 1] < minWeight) {
    const s = S.pop()!;
    const wt = W.pop()!;
    B.pop();
    S[S.length - 1] += s;
    W[W.length - 1] += wt;
  }
  const out = new Float64Array(f.length);
  for (let b = 0; b < B.length; b++) out.fill(S[b] / W[b], B[b], b + 1 < B.length ? B[b + 1] : f.length);
  return out;
}

function fromPooled(ux: number[], uy: number[], uw: number[], positives: number, minBlockWeight = 0): Calibration {
  const f = poolLightBlocks(pav(uy, uw), uw, minBlockWeight);
  const n = uw.reduce((s, v) => s + v, 0);
  // Keep the first and last knot of each constant piece; interpolation between them reproduces f.
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < ux.length; i++) {
    const keep = i === 0 || i === ux.length - 1 || f[i] !== f[i - 1] || f[i] !== f[i + 1];
    if (keep) {
      x.push(ux[i]);
      y.push(f[i]);
    }
  }
  return { x, y, n, positives };
}

/** The calibrated value of a score: linear between knots, clipped to the first and last knot. */
export function calibrate(c: Calibration, score: number): number {
  const { x, y } = c;
  const last = x.length - 1;
  if (!(score > x[0])) return y[0];
  if (score >= x[last]) return y[last];
  // Largest i with x[i] <= score (binary search), then interpolate to i + 1.
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= score) lo = mid;
    else hi = mid;
  }
  const span = x[hi] - x[lo];
  return span > 0 ? y[lo] + ((score - x[lo]) / span) * (y[hi] - y[lo]) : y[hi];
}

/**
 * calibrate(c, .) as a closure that finds the knot through a uniform grid over the knots' range
 * instead of a binary search: the same values, cheaper when called millions of times.
 */
export function calibrator(c: Calibration): (score: number) => number {
  const { x, y } = c;
  const last = x.length - 1;
  if (last < 1) return () => y[0];
  const lo = x[0];
  const cells = Math.min(1 << 16, 4 * x.length);
  const width = (x[last] - lo) / cells;
  // first[g]: largest knot index i with x[i] <= lo + g * width.
  const first = new Int32Array(cells + 1);
  let i = 0;
  for (let g = 0; g <= cells; g++) {
    const edge = lo + g * width;
    while (i < last && x[i + 1] <= edge) i++;
    first[g] = i;
  }
  return (score: number) => {
    if (!(score > lo)) return y[0];
    if (score >= x[last]) return y[last];
    let k = first[Math.min(cells, Math.floor((score - lo) / width))];
    while (k < last - 1 && x[k + 1] <= score) k++;
    while (k > 0 && x[k] > score) k--;
    const span = x[k + 1] - x[k];
    return span > 0 ? y[k] + ((score - x[k]) / span) * (y[k + 1] - y[k]) : y[k + 1];
  };
}

/** Mean squared difference between predicted probabilities and 0/1 outcomes. */
export function brierScore(p: ArrayLike<number>, outcome: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i] - outcome[i]) ** 2;
  return p.length ? s / p.length : NaN;
}

export interface ReliabilityBin {
  /** Range of the score (raw) in the bin. */
  scoreMin: number;
  scoreMax: number;
  n: number;
  meanScore: number;
  meanCalibrated: number;
  observed: number;
}

/**
 * Reliability table: observations sorted by score and cut into `bins` groups of (nearly) equal size
 * (deciles by default); per group the mean raw score, the mean calibrated probability and the observed
 * rate of the outcome.
 */
export function reliabilityTable(score: ArrayLike<number>, calibrated: ArrayLike<number>, outcome: ArrayLike<number>, bins = 10): ReliabilityBin[] {
  const n = score.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b] || a - b);
  const out: ReliabilityBin[] = [];
  for (let g = 0; g < bins; g++) {
    const from = Math.floor((g * n) / bins);
    const to = Math.floor(((g + 1) * n) / bins);
    if (to <= from) continue;
    let s = 0, c = 0, o = 0;
    for (let k = from; k < to; k++) {
      const i = order[k];
      s += score[i];
      c += calibrated[i];
      o += outcome[i];
    }
    const m = to - from;
    out.push({ scoreMin: score[order[from]], scoreMax: score[order[to - 1]], n: m, meanScore: s / m, meanCalibrated: c / m, observed: o / m });
  }
  return out;
}
