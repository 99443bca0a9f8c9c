import { describe, expect, it } from "vitest";
import { brierScore, calibrate, calibrator, fitIsotonic, fitIsotonicBinary, pav, poolLightBlocks, reliabilityTable } from "./calibration";

const fitted = (x: number[], y: number[], w?: number[]) => {
  const c = fitIsotonic(x, y, w);
  return x.map((v) => calibrate(c, v));
};

describe("pav (pool adjacent violators)", () => {
  it("matches hand-computed fits", () => {
    // Already monotone: unchanged.
    expect([...pav([1, 2, 2, 5])]).toEqual([1, 2, 2, 5]);
    // One violation: 3, 1 pool to 2.
    expect([...pav([0, 3, 1, 4])]).toEqual([0, 2, 2, 4]);
    // Cascading pools: 4, 2 -> 3; then 3, 3, 0 -> 2 (three points of mean (4 + 2 + 0) / 3).
    expect([...pav([1, 4, 2, 0, 5])]).toEqual([1, 2, 2, 2, 5]);
    // Decreasing: everything pools to the mean.
    expect([...pav([3, 2, 1])]).toEqual([2, 2, 2]);
  });

  it("weights the pooled means", () => {
    // 3 (weight 1) and 1 (weight 3) pool to (3 + 3) / 4 = 1.5.
    expect([...pav([3, 1], [1, 3])]).toEqual([1.5, 1.5]);
    // 0 (w 1), 10 (w 1), 4 (w 4): 10 and 4 pool to (10 + 16) / 5 = 5.2, above 0, so 0 stays.
    const f = pav([0, 10, 4], [1, 1, 4]);
    expect(f[0]).toBe(0);
    expect(f[1]).toBeCloseTo(5.2, 12);
    expect(f[2]).toBeCloseTo(5.2, 12);
    expect(() => pav([1, 2], [1, 0])).toThrow(/weight/);
  });

  // Reference values from scikit-learn's own tests, sklearn/tests/test_isotonic.py
  // (github.com/scikit-learn/scikit-learn): test_isotonic_regression, test_isotonic_sample_weight,
  // test_isotonic_regression_ties_min, test_isotonic_regression_with_ties_in_differently_sized_groups.
  it("reproduces scikit-learn's IsotonicRegression test cases", () => {
    expect([...pav([3, 7, 5, 9, 8, 7, 10])]).toEqual([3, 6, 6, 8, 8, 8, 10]);
    const x = [1, 2, 3, 4, 5, 6, 7];
    const sw = fitted(x, [1, 41, 51, 1, 2, 5, 24], [1, 2, 3, 4, 5, 6, 7]);
    [1, 13.95, 13.95, 13.95, 13.95, 13.95, 24].forEach((v, i) => expect(sw[i]).toBeCloseTo(v, 10));
    expect(fitted([1, 1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6])).toEqual([1.5, 1.5, 3, 4, 5, 6]);
    const ties = fitted([0, 1, 1, 2, 3, 4], [0, 0, 1, 0, 0, 1]);
    [0, 0.25, 0.25, 0.25, 0.25, 1].forEach((v, i) => expect(ties[i]).toBeCloseTo(v, 12));
  });
});

describe("fitIsotonic and calibrate", () => {
  it("does not depend on the input order and keeps only the knots it needs", () => {
    const x = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    const y = [0, 1, 0, 0, 1, 1];
    const c = fitIsotonic(x, y);
    const perm = [3, 0, 5, 1, 4, 2];
    expect(fitIsotonic(perm.map((i) => x[i]), perm.map((i) => y[i]))).toEqual(c);
    // PAV: 0 | 1, 0, 0 -> 1/3 | 1, 1. Knots: 0.1 (0), 0.2 and 0.4 (1/3), 0.5 and 0.6 (1).
    expect(c.x).toEqual([0.1, 0.2, 0.4, 0.5, 0.6]);
    expect(c.y.map((v) => +v.toFixed(12))).toEqual([0, +(1 / 3).toFixed(12), +(1 / 3).toFixed(12), 1, 1]);
    expect(c.n).toBe(6);
    expect(c.positives).toBe(3);
  });

  it("interpolates between knots and clips outside them", () => {
    const c = { x: [0.1, 0.3, 0.5], y: [0.02, 0.1, 0.1], n: 0, positives: 0 };
    expect(calibrate(c, 0)).toBe(0.02);
    expect(calibrate(c, 0.1)).toBe(0.02);
    expect(calibrate(c, 0.2)).toBeCloseTo(0.06, 12);
    expect(calibrate(c, 0.4)).toBe(0.1);
    expect(calibrate(c, 2)).toBe(0.1);
    expect(calibrate(c, NaN)).toBe(0.02);
  });

  it("is monotone on noisy data", () => {
    // Deterministic pseudo-random outcomes with P(y = 1) = x^2.
    let s = 12345;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const x = Array.from({ length: 2000 }, () => rnd());
    const y = x.map((v) => (rnd() < v * v ? 1 : 0));
    const c = fitIsotonic(x, y);
    for (let i = 1; i < c.y.length; i++) expect(c.y[i]).toBeGreaterThanOrEqual(c.y[i - 1]);
    let prev = -1;
    for (let v = 0; v <= 1; v += 0.01) {
      const p = calibrate(c, v);
      expect(p).toBeGreaterThanOrEqual(prev);
      prev = p;
    }
    expect(calibrate(c, 0.5)).toBeGreaterThan(0.1);
    expect(calibrate(c, 0.5)).toBeLessThan(0.45);
  });

  it("the binary form equals the general fit, also with weighted negatives", () => {
    const pos = [0.2, 0.5, 0.5, 0.9];
    const neg = [0.1, 0.2, 0.3, 0.5, 0.7];
    const general = fitIsotonic([...pos, ...neg], [...pos.map(() => 1), ...neg.map(() => 0)]);
    const binary = fitIsotonicBinary(Float64Array.from(pos), Float64Array.from(neg));
    expect(binary.x).toEqual(general.x);
    binary.y.forEach((v, i) => expect(v).toBeCloseTo(general.y[i], 12));
    const gw = fitIsotonic([...pos, ...neg], [...pos.map(() => 1), ...neg.map(() => 0)], [...pos.map(() => 1), ...neg.map(() => 3)]);
    const bw = fitIsotonicBinary(Float64Array.from(pos), Float64Array.from(neg), 3);
    expect(bw.x).toEqual(gw.x);
    bw.y.forEach((v, i) => expect(v).toBeCloseTo(gw.y[i], 12));
    expect(bw.n).toBe(4 + 15);
  });
});

describe("poolLightBlocks and calibrator", () => {
  it("pools pieces lighter than the minimum with a neighbour, keeping the fit monotone", () => {
    // Pieces: 0 (w 5), 0.5 (w 1), 1 (w 2). Min 3: 0.5 joins 1 -> (0.5 + 2) / 3; 0 stays.
    const f = poolLightBlocks(Float64Array.from([0, 0, 0.5, 1, 1]), [2, 3, 1, 1, 1], 3);
    expect(f[0]).toBe(0);
    expect(f[1]).toBe(0);
    [2, 3, 4].forEach((i) => expect(f[i]).toBeCloseTo(2.5 / 3, 12));
    // A light last piece joins its left neighbour: 0 (w 5), 1 (w 1) -> 1/6 everywhere.
    const g = poolLightBlocks(Float64Array.from([0, 1]), [5, 1], 3);
    expect([...g].map((v) => +v.toFixed(12))).toEqual([+(1 / 6).toFixed(12), +(1 / 6).toFixed(12)]);
    // In a fit: three positives at the top of 103 observations no longer give 100%.
    const pos = Float64Array.from([0.95, 0.96, 0.97]);
    const neg = Float64Array.from(Array.from({ length: 100 }, (_, i) => i / 200));
    expect(fitIsotonicBinary(pos.slice(), neg.slice()).y.at(-1)).toBe(1);
    const pooled = fitIsotonicBinary(pos.slice(), neg.slice(), 1, 20);
    expect(pooled.y.at(-1)).toBeLessThan(0.2);
    for (let i = 1; i < pooled.y.length; i++) expect(pooled.y[i]).toBeGreaterThanOrEqual(pooled.y[i - 1]);
  });

  it("calibrator gives exactly calibrate's values", () => {
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const x = Array.from({ length: 3000 }, () => rnd() ** 3);
    const c = fitIsotonic(x, x.map((v) => (rnd() < v ? 1 : 0)));
    const f = calibrator(c);
    const probes = [...c.x, ...Array.from({ length: 5000 }, () => rnd() * 1.2 - 0.1), -1, 0, 1, 2];
    for (const v of probes) expect(f(v)).toBe(calibrate(c, v));
    const one = { x: [0.3], y: [0.2], n: 1, positives: 0 };
    expect(calibrator(one)(0.9)).toBe(calibrate(one, 0.9));
  });
});

describe("brierScore and reliabilityTable", () => {
  it("match hand-computed values", () => {
    expect(brierScore([0.9, 0.2, 0.5], [1, 0, 0])).toBeCloseTo((0.01 + 0.04 + 0.25) / 3, 12);
    const t = reliabilityTable([0.4, 0.1, 0.3, 0.2], [0.2, 0.05, 0.1, 0.1], [1, 0, 0, 1], 2);
    expect(t).toHaveLength(2);
    expect(t[0]).toMatchObject({ n: 2, scoreMin: 0.1, scoreMax: 0.2, observed: 0.5 });
    expect(t[0].meanScore).toBeCloseTo(0.15, 12);
    expect(t[0].meanCalibrated).toBeCloseTo(0.075, 12);
    expect(t[1]).toMatchObject({ n: 2, scoreMin: 0.3, scoreMax: 0.4, observed: 0.5 });
    expect(t[1].meanScore).toBeCloseTo(0.35, 12);
  });
});
