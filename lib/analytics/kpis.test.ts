import { describe, expect, it } from "vitest";
import {
  attachRate, attachRateFromOrders, averageOrderValue, conversionRate, crossSellRevenueShare, incrementalFigures,
  periodChange, productsPerCustomer, returnRate, roi,
} from "./kpis";

describe("KPI formulas on hand-computed fixtures", () => {
  // Five orders: A appears in 4, A with B in 2 -> attach rate A->B = 2/4; B->A = 2/3.
  const orders = [["A", "B"], ["A"], ["A", "B", "C"], ["B"], ["A", "C"]];

  it("attach rate: orders with A and B / orders with A", () => {
    expect(attachRateFromOrders(orders, "A", "B")).toBe(0.5);
    expect(attachRateFromOrders(orders, "B", "A")).toBeCloseTo(2 / 3, 12);
    expect(attachRateFromOrders(orders, "D", "A")).toBeNull();
    expect(attachRate(2, 4)).toBe(0.5);
  });

  it("conversion, revenue share, AOV, products per customer, return rate", () => {
    // 12 won of 80 contacted
    expect(conversionRate(12, 80)).toBe(0.15);
    expect(conversionRate(0, 0)).toBeNull();
    // 3,000 of 40,000 revenue came from won cross-sell opportunities
    expect(crossSellRevenueShare(3000, 40000)).toBe(0.075);
    // 40,000 over 320 orders
    expect(averageOrderValue(40000, 320)).toBe(125);
    // customers a: {p, q}, b: {p}, c: {p, q, r} -> 6 distinct pairs / 3 customers
    expect(productsPerCustomer(6, 3)).toBe(2);
    // 7 returned of 140 sold
    expect(returnRate(7, 140)).toBe(0.05);
    expect(returnRate(0, 0)).toBeNull();
  });

  it("period change is relative to the previous value", () => {
    expect(periodChange(120, 100)).toBeCloseTo(0.2, 12);
    expect(periodChange(80, 100)).toBeCloseTo(-0.2, 12);
    expect(periodChange(5, 0)).toBeNull();
    expect(periodChange(null, 3)).toBeNull();
  });

  it("incremental buyers, revenue, gross profit and ROI scaled to the treated group", () => {
    // treated: 900 accounts, 90 buyers (10%), revenue 18,000, gross profit 6,300
    // holdout: 100 accounts, 8 buyers (8%), revenue 1,600, gross profit 560
    // incremental buyers = (0.10 - 0.08) x 900 = 18
    // incremental revenue = (20 - 16) x 900 = 3,600; gross profit = (7 - 5.6) x 900 = 1,260
    // outreach cost = 200 contacts x 5 = 1,000; ROI = (1,260 - 1,000) / 1,000 = 0.26
    const f = incrementalFigures(
      { accounts: 900, buyers: 90, revenue: 18000, grossProfit: 6300 },
      { accounts: 100, buyers: 8, revenue: 1600, grossProfit: 560 },
      200,
      5,
    );
    expect(f.buyers).toBeCloseTo(18, 9);
    expect(f.revenue).toBeCloseTo(3600, 9);
    expect(f.grossProfit).toBeCloseTo(1260, 9);
    expect(f.outreachCost).toBe(1000);
    expect(f.roi).toBeCloseTo(0.26, 9);
  });

  it("ROI is undefined without outreach cost or without a holdout", () => {
    expect(roi(100, 0)).toBeNull();
    const f = incrementalFigures({ accounts: 10, buyers: 1, revenue: 1, grossProfit: 1 }, { accounts: 0, buyers: 0, revenue: 0, grossProfit: 0 }, 3, 5);
    expect(f.buyers).toBeNull();
    expect(f.roi).toBeNull();
  });
});
