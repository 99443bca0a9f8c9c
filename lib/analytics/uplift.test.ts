import { describe, expect, it } from "vitest";
import {
  EmptyGroupError, minimumDetectableEffect, newcombeInterval, normalCdf, normalQuantile, sampleRatioMismatch,
  twoProportionZTest, upliftTest, weeksToDetect, wilsonInterval,
} from "./uplift";

describe("normal distribution", () => {
  it("matches published quantiles and tail areas", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 12);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489, 12);
    // scipy.stats.norm.sf(5) = 2.866515718791939e-07
    expect(1 - normalCdf(5) + 0).toBeCloseTo(2.866515718791939e-7, 13);
    expect(normalCdf(-5) / 2.866515718791939e-7).toBeCloseTo(1, 10);
    expect(normalCdf(0)).toBe(0.5);
  });
});

describe("upliftTest against statsmodels 0.13 and scipy", () => {
  it("130/1200 vs 9/140", () => {
    const r = upliftTest({ conversions: 130, n: 1200 }, { conversions: 9, n: 140 }, { holdoutShare: 0.1 });
    expect(r.diff).toBeCloseTo(0.044048, 6);
    expect(r.z).toBeCloseTo(1.617523, 6);
    expect(r.pValue).toBeCloseTo(0.105765, 6);
    expect(r.ciLow).toBeCloseTo(-0.011773, 6);
    expect(r.ciHigh).toBeCloseTo(0.079563, 6);
    expect(r.srm.chi2).toBeCloseTo(0.298507, 6);
    expect(r.srm.pValue).toBeCloseTo(0.58482, 6);
    expect(r.treated.rate).toBeCloseTo(130 / 1200, 12);
    expect(r.relativeLift).toBeCloseTo(0.044048 / (9 / 140), 4);
  });

  it("412/9000 vs 31/1000", () => {
    const r = upliftTest({ conversions: 412, n: 9000 }, { conversions: 31, n: 1000 });
    expect(r.diff).toBeCloseTo(0.014778, 6);
    expect(r.z).toBeCloseTo(2.154605, 6);
    expect(r.pValue).toBeCloseTo(0.031193, 6);
    expect(r.ciLow).toBeCloseTo(0.001457, 6);
    expect(r.ciHigh).toBeCloseTo(0.024915, 6);
    // exactly the 9:1 split of the default share
    expect(r.srm.chi2).toBe(0);
    expect(r.srm.pValue).toBe(1);
  });
});

describe("Newcombe (1998) table II, method 10", () => {
  const cases: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [10, 10, 0, 20, 0.6791, 1.0],
  ];
  it.each(cases)("%i/%i vs %i/%i", (a, n, b, m, lo, hi) => {
    const [l, u] = newcombeInterval({ conversions: a, n }, { conversions: b, n: m });
    expect(l).toBeCloseTo(lo, 4);
    expect(u).toBeCloseTo(hi, 4);
  });
});

describe("edge cases", () => {
  it("zero conversions: the Wilson interval of 0/100 is [0, z²/(n+z²)] and the test still runs", () => {
    const z2 = 1.959963984540054 ** 2;
    const [l, u] = wilsonInterval(0, 100);
    expect(l).toBe(0);
    expect(u).toBeCloseTo(z2 / (100 + z2), 12);
    const r = upliftTest({ conversions: 5, n: 100 }, { conversions: 0, n: 100 });
    // hand-computed: Wilson(5/100) = (0.021543, 0.111751); lower = 0.05 - sqrt(0.028457² + 0.036994²)
    expect(r.ciLow).toBeCloseTo(0.003327, 5);
    expect(r.ciHigh).toBeCloseTo(0.111751, 5);
    expect(r.relativeLift).toBeNull();
    // pooled 5/200: z = 0.05 / sqrt(0.025 * 0.975 * 0.02) = 2.264554
    expect(r.z).toBeCloseTo(2.264554, 5);
  });

  it("rates of 0 and 1 in both groups: no variance, no test, interval still defined", () => {
    const zero = upliftTest({ conversions: 0, n: 50 }, { conversions: 0, n: 10 });
    expect(zero.z).toBeNull();
    expect(zero.pValue).toBeNull();
    expect(zero.mde).toBeNull();
    expect(zero.ciLow).toBeLessThan(0);
    expect(zero.ciHigh).toBeGreaterThan(0);
    const one = upliftTest({ conversions: 50, n: 50 }, { conversions: 10, n: 10 });
    expect(one.diff).toBe(0);
    expect(one.z).toBeNull();
    expect(twoProportionZTest({ conversions: 10, n: 10 }, { conversions: 0, n: 10 })?.pValue).toBeLessThan(0.001);
  });

  it("an empty group is an error naming the group", () => {
    expect(() => upliftTest({ conversions: 0, n: 0 }, { conversions: 1, n: 10 })).toThrow(EmptyGroupError);
    expect(() => upliftTest({ conversions: 1, n: 10 }, { conversions: 0, n: 0 })).toThrow(/holdout group is empty/);
    expect(() => upliftTest({ conversions: 11, n: 10 }, { conversions: 0, n: 5 })).toThrow(/exceed/);
  });
});

describe("sample ratio and power", () => {
  it("chi-square against the holdout share (scipy.stats.chisquare([880, 120], [900, 100]))", () => {
    const s = sampleRatioMismatch(880, 120, 0.1);
    // (20²/900) + (20²/100) = 4.444444; p = 0.035015
    expect(s.chi2).toBeCloseTo(4.444444, 6);
    expect(s.pValue).toBeCloseTo(0.035015, 6);
  });

  it("minimum detectable effect: (1.959964 + 0.841621) x sqrt(p(1-p)(1/n1 + 1/n2))", () => {
    const mde = minimumDetectableEffect(9000, 1000, 0.05);
    expect(mde).toBeCloseTo(2.801585 * Math.sqrt(0.0475 * (1 / 9000 + 1 / 1000)), 6);
    expect(mde).toBeCloseTo(0.020353, 5);
  });

  it("weeks to detect a 1-point lift at a 5% base rate, 10% holdout", () => {
    // n = 7.848879 x 0.0475 x (1/0.9 + 1/0.1) / 0.0001 = 41,424.7, rounded up
    const w = weeksToDetect({ baseRate: 0.05, lift: 0.01, holdoutShare: 0.1, accountsSoFar: 10_000, accountsPerWeek: 1000 });
    expect(w?.requiredAccounts).toBe(41_425);
    expect(w?.weeks).toBeCloseTo(31.425, 3);
    expect(weeksToDetect({ baseRate: 0.05, lift: 0.01, holdoutShare: 0.1, accountsSoFar: 50_000, accountsPerWeek: 0 })?.weeks).toBe(0);
  });
});
