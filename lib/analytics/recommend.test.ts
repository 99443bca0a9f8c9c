import { describe, expect, it } from "vitest";
import { requireDay } from "./dates";
import type { OrderLine } from "./line-table";
import { diversify, recommendFromOrderLines } from "./recommend";

// 10 customers bought A on Jan 1 and B on Jan 11 (10 days later); customers 0-4 also bought C with A.
// Customer "x" bought A only, on Jan 20; "y" bought A and later D. As of Feb 1.
function lines(): OrderLine[] {
  const out: OrderLine[] = [];
  const add = (o: string, c: string, d: string, p: string, q = 1, price = 10) => out.push({ orderId: o, customerId: c, date: d, productId: p, quantity: q, unitPrice: price });
  for (let i = 0; i < 10; i++) {
    add(`a${i}`, `c${i}`, "2024-01-01", "A");
    if (i < 5) add(`a${i}`, `c${i}`, "2024-01-01", "C", 1, 4);
    add(`b${i}`, `c${i}`, "2024-01-11", "B", 1, 20);
  }
  add("x1", "x", "2024-01-20", "A");
  add("y1", "y", "2024-01-20", "A");
  add("y2", "y", "2024-01-21", "D");
  add("late", "x", "2024-02-05", "B"); // after as-of: must be ignored
  return out;
}
const asOfDay = requireDay("2024-02-01", "as of");
const forX = (opts: Parameters<typeof recommendFromOrderLines>[1]) => recommendFromOrderLines(lines(), { ...opts, customers: ["x"] })[0];

describe("recommend", () => {
  it("ranks the sequence target first with a reason in numbers", () => {
    const recs = forX({ asOfDay, top: 3, windowDays: 30 }).recommendations;
    expect(recs[0].productId).toBe("B");
    const r = recs[0].reason;
    expect(r.kind).toBe("sequence");
    expect(r.sourceProductId).toBe("A");
    expect(r.daysSinceSource).toBe(12);
    // All 10 earlier A buyers bought B 10 days later; x and y (A on Jan 20, 12 days before as-of)
    // are exposed 12/30 each: confidence = 10 / (10 + 0.4 + 0.4).
    expect(r.customers).toBe(10);
    expect(r.confidence).toBeCloseTo(10 / 10.8, 10);
    expect(r.text).toBe(`bought A 12 days ago; 93% of A buyers bought B within 30 days (lift ${r.lift!.toFixed(1)}, 10 customers)`);
    expect(recs[0].score).toBeGreaterThan(recs[1].score);
    expect(recs.map((x) => x.productId)).not.toContain("A"); // owned
  });

  it("uses only lines before as-of", () => {
    const recs = forX({ asOfDay: requireDay("2024-01-15", "d") });
    expect(recs).toBeUndefined(); // x has no purchase before Jan 15
  });

  it("excludes inactive products, suppressed pairs, recent declines and do-not-contact customers", () => {
    const has = (opts: Parameters<typeof recommendFromOrderLines>[1], p: string) => forX(opts)?.recommendations.some((r) => r.productId === p) ?? false;
    expect(has({ asOfDay }, "B")).toBe(true);
    expect(has({ asOfDay, products: [{ id: "B", active: false }] }, "B")).toBe(false);
    expect(has({ asOfDay, pairs: [{ sourceProductId: "A", targetProductId: "B", suppressed: true }] }, "B")).toBe(false);
    expect(has({ asOfDay, exclusions: { declines: [{ customerId: "x", productId: "B", date: "2024-01-25" }] } }, "B")).toBe(false);
    // A decline older than the cool-down no longer excludes.
    expect(has({ asOfDay, exclusions: { declines: [{ customerId: "x", productId: "B", date: "2023-10-01" }], coolDownDays: 90 } }, "B")).toBe(true);
    expect(forX({ asOfDay, exclusions: { doNotContact: ["x"] } })).toBeUndefined();
  });

  it("expected value = P(buy) x margin x P(alive) with margin from the catalogue", () => {
    const rec = forX({ asOfDay, products: [{ id: "B", price: 20, unitCost: 12 }], pAlive: new Map([["x", 0.5]]) }).recommendations.find((r) => r.productId === "B")!;
    expect(rec.margin).toBe(8);
    expect(rec.pAlive).toBe(0.5);
    expect(rec.expectedValue).toBeCloseTo(rec.score * 8 * 0.5, 12);
  });

  it("a curated pair inside its window recommends a product with no mined evidence", () => {
    const pairs = [{ sourceProductId: "A", targetProductId: "D", type: "accessory", windowMinDays: 7, windowMaxDays: 60 }];
    const d = forX({ asOfDay, top: 5, pairs }).recommendations.find((r) => r.productId === "D")!;
    expect(d.reason.kind).toBe("curated");
    expect(d.reason.text).toBe("bought A 12 days ago; curated accessory pair A -> D (estimated 15% chance)");
    const outside = forX({ asOfDay, top: 5, pairs: [{ ...pairs[0], windowMinDays: 20 }] }).recommendations.find((r) => r.productId === "D");
    expect(outside?.reason.kind).not.toBe("curated");
  });
});

describe("diversify", () => {
  it("takes at most maxPerCategory per category, then fills with the skipped", () => {
    const cat: Record<number, string> = { 1: "cam", 2: "cam", 3: "cam", 4: "bag" };
    const ranked = [1, 2, 3, 4].map((b) => ({ b }));
    expect(diversify(ranked, 3, (b) => cat[b], 2).map((x) => x.b)).toEqual([1, 2, 4]);
    expect(diversify(ranked, 4, (b) => cat[b], 1).map((x) => x.b)).toEqual([1, 4, 2, 3]);
  });
});
