/** Nelder-Mead simplex minimisation (no gradients needed; the likelihoods here are smooth and 2-4 dimensional). */

export interface MinimizeResult {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

export interface MinimizeOptions {
  maxIterations?: number;
  /** Stop when the spread of function values and the simplex size are both below these. */
  fTolerance?: number;
  xTolerance?: number;
  step?: number;
}

export function nelderMead(f: (x: number[]) => number, x0: number[], options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 4000 * n;
  const fTol = options.fTolerance ?? 1e-11;
  const xTol = options.xTolerance ?? 1e-9;
  const step = options.step ?? 0.5;
  const safe = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let simplex = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] += step;
    simplex.push(p);
  }
  let values = simplex.map(safe);
  let it = 0;
  for (; it < maxIterations; it++) {
    const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    const spread = Math.abs(values[n] - values[0]);
    let size = 0;
    for (let i = 1; i <= n; i++) for (let k = 0; k < n; k++) size = Math.max(size, Math.abs(simplex[i][k] - simplex[0][k]));
    if (spread <= fTol * (1 + Math.abs(values[0])) && size <= xTol) {
      return { x: simplex[0], value: values[0], iterations: it, converged: Number.isFinite(values[0]) };
    }
    const centroid = new Array(n).fill(0);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) centroid[k] += simplex[i][k] / n;
    const along = (t: number) => centroid.map((c, k) => c + t * (simplex[n][k] - c));
    const xr = along(-1);
    const fr = safe(xr);
    if (fr < values[0]) {
      const xe = along(-2);
      const fe = safe(xe);
      if (fe < fr) {
        simplex[n] = xe;
        values[n] = fe;
      } else {
        simplex[n] = xr;
        values[n] = fr;
      }
    } else if (fr < values[n - 1]) {
      simplex[n] = xr;
      values[n] = fr;
    } else {
      const xc = fr < values[n] ? along(-0.5) : along(0.5);
      const fc = safe(xc);
      if (fc < Math.min(fr, values[n])) {
        simplex[n] = xc;
        values[n] = fc;
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i].map((v, k) => simplex[0][k] + 0.5 * (v - simplex[0][k]));
          values[i] = safe(simplex[i]);
        }
      }
    }
  }
  const best = values.indexOf(Math.min(...values));
  return { x: simplex[best], value: values[best], iterations: it, converged: false };
}

/** Runs Nelder-Mead, then restarts from the optimum until it stops moving (guards against a collapsed simplex). */
export function minimize(f: (x: number[]) => number, x0: number[], options: MinimizeOptions = {}): MinimizeResult {
  let res = nelderMead(f, x0, options);
  let iterations = res.iterations;
  for (let k = 0; k < 4; k++) {
    const again = nelderMead(f, res.x, { ...options, step: 0.05 });
    iterations += again.iterations;
    const improved = res.value - again.value;
    res = again.value <= res.value ? again : res;
    if (improved <= 1e-10 * (1 + Math.abs(res.value))) break;
  }
  return { ...res, iterations };
}
