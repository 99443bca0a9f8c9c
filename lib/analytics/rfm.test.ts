import { describe, expect, it } from "vitest";
import { requireDay } from "./dates";
import { lineTableFromOrderLines, type OrderLine } from "./line-table";
import { computeRfm, quintileScores, segmentFor } from "./rfm";

describe("quintileScores", () => {
  it("gives 1..5 to five distinct values and the same score to ties", () => {
    expect(Array.from(quintileScores([10, 20, 30, 40, 50], true))).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(quintileScores([10, 20, 30, 40, 50], false))).toEqual([5, 4, 3, 2, 1]);
    // 10 values, 6 tied at 1: all six have 0 worse -> 1; then 6/10*5 = 3 -> 4, 7 -> 4, 8 -> 5, 9 -> 5
    expect(Array.from(quintileScores([1, 1, 1, 1, 1, 1, 2, 3, 4, 5], true))).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
  });
});

describe("segmentFor", () => {
  it("follows the documented grid", () => {
    expect(segmentFor(5, 5)).toBe("Champions");
    expect(segmentFor(4, 1)).toBe("New");
    expect(segmentFor(5, 3)).toBe("Potential");
    expect(segmentFor(3, 4)).toBe("Loyal");
    expect(segmentFor(3, 1)).toBe("Hibernating");
    expect(segmentFor(2, 2)).toBe("Hibernating");
    expect(segmentFor(1, 5)).toBe("At risk");
    expect(segmentFor(1, 2)).toBe("Lost");
  });
});

describe("computeRfm", () => {
  // Five customers, as of 2024-02-01 (day after the data).
  const line = (o: string, c: string, d: string, q: number, p: number): OrderLine => ({ orderId: o, customerId: c, date: d, productId: "x", quantity: q, unitPrice: p });
  const lines: OrderLine[] = [
    line("1", "a", "2024-01-31", 1, 100), // a: 1 day ago, 3 orders, 300
    line("2", "a", "2024-01-20", 1, 100),
    line("3", "a", "2024-01-10", 1, 100),
    line("3", "a", "2024-01-10", 2, 0), // same order, second line: still one order
    line("4", "b", "2024-01-29", 1, 50), // b: 3 days ago, 2 orders, 80 after a return
    line("5", "b", "2024-01-05", 1, 50),
    line("6", "b", "2024-01-30", -1, 20),
    line("7", "c", "2024-01-15", 1, 20), // c: 17 days ago, 1 order, 20
    line("8", "d", "2024-01-02", 4, 10), // d: 30 days ago, 1 order, 40
    line("9", "e", "2023-12-01", 1, 500), // e: 62 days ago, 1 order, 500
    line("10", "e", "2024-02-01", 1, 999), // on the as-of day: excluded
    line("11", "", "2024-01-31", 1, 5), // no customer: ignored
  ];
  it("computes recency, frequency, monetary, quintile scores and segments by hand", () => {
    const res = computeRfm(lineTableFromOrderLines(lines), requireDay("2024-02-01", "as of"));
    const byId = Object.fromEntries(res.map((r) => [r.customerId, r]));
    expect(res).toHaveLength(5);
    expect(byId.a).toMatchObject({ recencyDays: 1, frequency: 3, monetary: 300, r: 5, f: 5, m: 4, segment: "Champions" });
    expect(byId.b).toMatchObject({ recencyDays: 3, frequency: 2, monetary: 80, r: 4, f: 4, m: 3, segment: "Champions" });
    // c, d, e have frequency 1: nobody worse -> f = 1
    expect(byId.c).toMatchObject({ recencyDays: 17, frequency: 1, monetary: 20, r: 3, f: 1, m: 1, segment: "Hibernating" });
    expect(byId.d).toMatchObject({ recencyDays: 30, frequency: 1, monetary: 40, r: 2, f: 1, m: 2, segment: "Lost" });
    expect(byId.e).toMatchObject({ recencyDays: 62, frequency: 1, monetary: 500, r: 1, f: 1, m: 5, segment: "Lost" });
  });
});
