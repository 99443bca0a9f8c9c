import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases, fitBgNbd, probabilityAlive } from "./bgnbd";
import { loadCdnow } from "./cdnow";
import { computeClv } from "./clv";
import { summarizeCustomers } from "./customer-summary";
import { requireDay } from "./dates";
import { conditionalExpectedSpend, fitGammaGamma } from "./gamma-gamma";
import { lineTableFromOrderLines } from "./line-table";
import { hyp2f1, lgamma } from "./special-functions";

const CDNOW = path.resolve(__dirname, "../../../shared/datasets/cdnow");
const CAL_END = requireDay("1997-09-30", "calibration end");

function readSummary(file: string) {
  const [, ...rows] = readFileSync(path.join(CDNOW, file), "utf8").trim().split("\n");
  return rows.map((r) => r.split(",").map(Number));
}

describe("special functions", () => {
  it("lgamma matches known values", () => {
    expect(lgamma(1)).toBeCloseTo(0, 13);
    expect(lgamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(lgamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(lgamma(100.5)).toBeCloseTo(361.4355404677775, 8);
  });
  it("hyp2f1 matches closed forms", () => {
    // 2F1(1,1;2;z) = -ln(1-z)/z ; 2F1(a,b;b;z) = (1-z)^-a
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 12);
    expect(hyp2f1(2.5, 3, 3, 0.3)).toBeCloseTo(Math.pow(0.7, -2.5), 12);
  });
});

describe("CDNOW summary from raw transactions", () => {
  const table = loadCdnow(path.join(CDNOW, "CDNOW_sample.txt"));
  const s = summarizeCustomers(table, CAL_END, 7);

  it("matches the published calibration summary", () => {
    expect(s.x.length).toBe(2357);
    expect(s.x.reduce((a, b) => a + b, 0)).toBe(2457);
    expect(Array.from(s.x).filter((x) => x > 0)).toHaveLength(946);
    const ref = readSummary("cdnow_customers_summary_with_transactions.csv");
    const byId = new Map(ref.map((r) => [String(r[0]), r]));
    for (let i = 0; i < s.x.length; i++) {
      const r = byId.get(table.customerIds[s.customer[i]])!;
      expect(s.x[i]).toBe(r[1]);
      expect(Math.abs(s.tx[i] - r[2])).toBeLessThan(0.0051);
      expect(Math.abs(s.T[i] - r[3])).toBeLessThan(0.0051);
      expect(Math.abs(s.monetary[i] - r[4])).toBeLessThan(0.0051);
    }
  });

  it("fits BG/NBD to the FHL 2005 estimates", () => {
    const fit = fitBgNbd(s);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.r - 0.243)).toBeLessThan(0.015);
    expect(Math.abs(fit.alpha - 4.414)).toBeLessThan(0.015);
    expect(Math.abs(fit.a - 0.793)).toBeLessThan(0.015);
    expect(Math.abs(fit.b - 2.426)).toBeLessThan(0.015);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 0);
  });

  it("fits Gamma-Gamma to the Fader-Hardie 2013 estimates", () => {
    const fit = fitGammaGamma(s.x, s.monetary);
    expect(Math.abs(fit.p - 6.25)).toBeLessThan(0.02);
    expect(Math.abs(fit.q - 3.74)).toBeLessThan(0.02);
    expect(Math.abs(fit.v - 15.44)).toBeLessThan(0.05);
  });
});

describe("CDNOW summary file (2 dp)", () => {
  const rows = readSummary("cdnow_customers_summary_with_transactions.csv");
  const summary = {
    x: Float64Array.from(rows, (r) => r[1]),
    tx: Float64Array.from(rows, (r) => r[2]),
    T: Float64Array.from(rows, (r) => r[3]),
  };
  it("BG/NBD MLE within CLVTools' relative tolerance 0.001", () => {
    const fit = fitBgNbd(summary);
    const want = { r: 0.242593, alpha: 4.413534, a: 0.792886, b: 2.425756 };
    for (const k of ["r", "alpha", "a", "b"] as const) expect(Math.abs(fit[k] / want[k] - 1)).toBeLessThan(0.001);
  });
  it("Gamma-Gamma MLE within relative tolerance 0.001", () => {
    const fit = fitGammaGamma(summary.x, Float64Array.from(rows, (r) => r[4]));
    const want = { p: 6.248803, q: 3.744588, v: 15.447747 };
    for (const k of ["p", "q", "v"] as const) expect(Math.abs(fit[k] / want[k] - 1)).toBeLessThan(0.001);
  });
  it("conditional expected spend for customers 1..10", () => {
    const g = { p: 6.25, q: 3.74, v: 15.44 };
    const got = rows.slice(0, 10).map((r) => conditionalExpectedSpend(g, r[1], r[4]));
    const want = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(0.1));
  });
});

describe("BG/NBD predictions", () => {
  const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  it("P(alive) is exactly 1 when x = 0 and falls with time since the last purchase", () => {
    expect(probabilityAlive(p, 0, 0, 30)).toBe(1);
    expect(probabilityAlive(p, 2, 30, 32)).toBeGreaterThan(probabilityAlive(p, 2, 5, 32));
  });
  it("conditional expectation matches FHL 2005 (x=2, t_x=30.43, T=38.86, 39 weeks -> 1.226)", () => {
    expect(conditionalExpectedPurchases(p, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 2);
  });
});

describe("computeClv", () => {
  it("fits both models on CDNOW and discounts over the horizon", () => {
    const res = computeClv(loadCdnow(path.join(CDNOW, "CDNOW_sample.txt")), { calibrationEndDay: CAL_END, period: "week", horizon: 39, discountRate: 0 });
    expect(res.model).toBe("bgnbd");
    expect(res.fallbackReason).toBeNull();
    expect(res.gammaGamma).not.toBeNull();
    const c = res.customers[0];
    expect(c.clv).toBeCloseTo(c.expectedPurchases! * c.expectedSpend!, 6);
    // Conditional expected repeat purchases in weeks 40-78, summed: the data hold 1,882 (README).
    const total = res.customers.reduce((a, x) => a + x.expectedPurchases!, 0);
    expect(Math.abs(total / 1882 - 1)).toBeLessThan(0.15);
  });

  it("falls back to historic value with a reason when data is too thin", () => {
    const t = lineTableFromOrderLines([
      { orderId: "1", customerId: "a", date: "2024-01-01", productId: "p", quantity: 2, unitPrice: 10 },
      { orderId: "2", customerId: "a", date: "2024-02-01", productId: "p", quantity: 1, unitPrice: 10 },
      { orderId: "3", customerId: "b", date: "2024-01-15", productId: "p", quantity: 1, unitPrice: 5 },
      { orderId: "4", customerId: "b", date: "2024-01-20", productId: "p", quantity: -1, unitPrice: 5 },
    ]);
    const res = computeClv(t, { calibrationEndDay: requireDay("2024-03-01", "d") });
    expect(res.model).toBe("historic");
    expect(res.bgnbd).toBeNull();
    expect(res.fallbackReason).toMatch(/too little data/);
    expect(res.customers.map((c) => [c.customerId, c.frequency, c.clv])).toEqual([
      ["a", 1, 30],
      ["b", 0, 0],
    ]);
  });
});

describe("CLV options for big data", () => {
  const table = loadCdnow(path.join(CDNOW, "CDNOW_sample.txt"));
  const full = computeClv(table, { calibrationEndDay: CAL_END });

  it("fitSample fits on an evenly spaced subset and still predicts every customer", () => {
    const sampled = computeClv(table, { calibrationEndDay: CAL_END, fitSample: 1200 });
    expect(sampled.customers.length).toBe(full.customers.length);
    expect(sampled.bgnbd!.r).not.toBe(full.bgnbd!.r);
    // Half the customers: estimates move by sampling noise only.
    expect(Math.abs(sampled.bgnbd!.r / full.bgnbd!.r - 1)).toBeLessThan(0.25);
    expect(Math.abs(sampled.bgnbd!.a / full.bgnbd!.a - 1)).toBeLessThan(0.5);
    expect(computeClv(table, { calibrationEndDay: CAL_END, fitSample: 10_000 }).bgnbd).toEqual(full.bgnbd);
  });

  it("discountSteps discounts in fewer, longer steps with nearly the same value", () => {
    const monthly = computeClv(table, { calibrationEndDay: CAL_END, discountSteps: 12 });
    expect(monthly.bgnbd).toEqual(full.bgnbd);
    const i = full.customers.findIndex((c) => c.frequency > 3);
    expect(monthly.customers[i].clv).not.toBe(full.customers[i].clv);
    expect(monthly.customers[i].clv / full.customers[i].clv).toBeCloseTo(1, 2);
    expect(monthly.customers[i].expectedPurchases).toBeCloseTo(full.customers[i].expectedPurchases!, 10);
  });
});
