import { describe, expect, it } from "vitest";
import { categoryHistogram, checkPolicy, medianOfCounts, RepurchaseAccumulator, repurchaseStats, utcDay, type RepurchaseStats } from "./repurchase";

// Five camera buyers with known purchase days (hand-computed below):
//   a: day 0                      -> no repeat
//   b: day 10, day 10 again, 400  -> one gap of 390 (the same day counts once)
//   c: day 0, 30, 100             -> gaps 30 and 70, shortest 30
//   d: day 500, 200 (unsorted)    -> one gap of 300
//   e: day 5                      -> no repeat
const purchases = [
  { accountId: "a", day: 0 },
  { accountId: "b", day: 10 },
  { accountId: "b", day: 10 },
  { accountId: "b", day: 400 },
  { accountId: "c", day: 100 },
  { accountId: "c", day: 0 },
  { accountId: "c", day: 30 },
  { accountId: "d", day: 500 },
  { accountId: "d", day: 200 },
  { accountId: "e", day: 5 },
];

describe("categoryHistogram", () => {
  it("counts buyers, repeat buyers, gaps and shortest gaps (hand-computed)", () => {
    const h = categoryHistogram("Cameras", purchases);
    expect(h.buyers).toBe(5);
    expect(h.repeatBuyers).toBe(3);
    expect(Object.fromEntries(h.gaps)).toEqual({ 30: 1, 70: 1, 300: 1, 390: 1 });
    expect(Object.fromEntries(h.shortestGaps)).toEqual({ 30: 1, 300: 1, 390: 1 });
  });

  it("a buyer with several lines on one day is not a repeat buyer", () => {
    const h = categoryHistogram("Ink", [{ accountId: "x", day: 7 }, { accountId: "x", day: 7 }]);
    expect(h).toMatchObject({ buyers: 1, repeatBuyers: 0 });
    expect(h.gaps.size).toBe(0);
  });
});

describe("RepurchaseAccumulator", () => {
  it("gives every category the histogram categoryHistogram gives, from lines in any order", () => {
    // Two camera products share the category; a lens purchase by "c" is its own category; "zz" is unknown.
    const acc = new RepurchaseAccumulator([["cam1", "Cameras"], ["cam2", "Cameras"], ["lens", "Lenses"], ["tripod", "Tripods"]]);
    const products = ["cam1", "cam2"];
    [...purchases].reverse().forEach((p, i) => acc.add(p.accountId, products[i % 2], p.day));
    acc.add("c", "lens", 3);
    acc.add("c", "zz", 4);
    const [cameras, lenses, tripods] = acc.histograms();
    expect(cameras).toEqual(categoryHistogram("Cameras", purchases));
    expect(lenses).toMatchObject({ category: "Lenses", buyers: 1, repeatBuyers: 0 });
    // A category nobody bought is reported with no buyers.
    expect(tripods).toMatchObject({ category: "Tripods", buyers: 0, repeatBuyers: 0 });
  });
});

describe("repurchaseStats", () => {
  const h = categoryHistogram("Cameras", purchases);

  it("without a cycle: shares within 365 days and the median gap", () => {
    // Repeat: b, c, d = 3/5. Within 365 days: c (30) and d (300), not b (390) = 2/5.
    // Gaps 30, 70, 300, 390 -> median (70 + 300) / 2 = 185.
    expect(repurchaseStats(h, null)).toEqual({ buyers: 5, repeatBuyers: 3, repeatShare: 0.6, windowDays: 365, withinBuyers: 2, withinShare: 0.4, medianGapDays: 185 });
  });

  it("within the replacement cycle when there is one", () => {
    expect(repurchaseStats(h, 60)).toMatchObject({ windowDays: 60, withinBuyers: 1, withinShare: 0.2 });
    expect(repurchaseStats(h, 390)).toMatchObject({ windowDays: 390, withinBuyers: 3, withinShare: 0.6 });
  });

  it("no buyers: no shares, no median", () => {
    expect(repurchaseStats(categoryHistogram("Empty", []), 90)).toEqual({ buyers: 0, repeatBuyers: 0, repeatShare: null, windowDays: 90, withinBuyers: 0, withinShare: null, medianGapDays: null });
  });
});

describe("medianOfCounts", () => {
  it("odd, even and repeated values", () => {
    expect(medianOfCounts(new Map([[9, 1], [1, 1], [5, 2]]))).toBe(5); // 1 5 5 9
    expect(medianOfCounts(new Map([[2, 1], [4, 1]]))).toBe(3);
    expect(medianOfCounts(new Map([[30, 1], [50, 1], [70, 1], [300, 1], [390, 1]]))).toBe(70);
    expect(medianOfCounts(new Map([[7, 3]]))).toBe(7);
    expect(medianOfCounts(new Map())).toBeNull();
  });
});

describe("checkPolicy", () => {
  const stats = (over: Partial<RepurchaseStats>): RepurchaseStats => ({
    buyers: 100, repeatBuyers: 0, repeatShare: 0, windowDays: 365, withinBuyers: 0, withinShare: 0, medianGapDays: null, ...over,
  });

  it("flags a durable category that a fifth or more of its buyers bought again within the cycle", () => {
    expect(checkPolicy("DURABLE", stats({ withinShare: 0.2, windowDays: 1095 }))).toEqual({ kind: "durable-repurchased", withinShare: 0.2, windowDays: 1095 });
    expect(checkPolicy("DURABLE", stats({ withinShare: 0.19, repeatShare: 0.5 }))).toEqual({ kind: "ok" });
  });

  it("flags a replenished category that fewer than 5% of buyers ever bought again", () => {
    expect(checkPolicy("REPLENISHED", stats({ repeatShare: 0.04 }))).toEqual({ kind: "replenished-not-repurchased", repeatShare: 0.04 });
    expect(checkPolicy("REPLENISHED", stats({ repeatShare: 0.05 }))).toEqual({ kind: "ok" });
  });

  it("does not judge fewer than 30 buyers", () => {
    expect(checkPolicy("DURABLE", stats({ buyers: 29, withinShare: 0.9 }))).toEqual({ kind: "too-few-buyers", buyers: 29 });
  });
});

describe("utcDay", () => {
  it("is the UTC calendar day of an instant", () => {
    expect(utcDay(new Date("1970-01-02T23:59:59Z"))).toBe(1);
    expect(utcDay(new Date("2026-01-01T00:00:00Z")) - utcDay(new Date("2025-12-31T23:59:59Z"))).toBe(1);
  });
});
