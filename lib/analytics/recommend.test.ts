import { describe, expect, it } from "vitest";
import { requireDay } from "./dates";
import type { OrderLine } from "./line-table";
import { calibrate } from "./calibration";
import { lineTableFromOrderLines } from "./line-table";
import { formatChance } from "./reasons";
import { buildRecommender, diversify, fitHoldoutCalibration, recommendFromOrderLines } from "./recommend";

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

  it("offers no second durable of a category bought within its cycle, unless an upsell pair's window has come", () => {
    // A and B are both cameras (durable, 365-day cycle); x bought A 12 days before as-of.
    const cams = (cycle: number | null, durable = true) => [
      { id: "A", category: "Cameras", durable, replacementCycleDays: cycle },
      { id: "B", category: "Cameras", durable, replacementCycleDays: cycle },
    ];
    const ids = (o: Partial<Parameters<typeof forX>[0]>) => forX({ asOfDay, top: 5, windowDays: 30, ...o }).recommendations.map((r) => r.productId);
    expect(ids({ products: cams(365, false) })).toContain("B"); // replenished: offered
    expect(ids({ products: cams(365) })).not.toContain("B");
    expect(ids({ products: cams(10) })).toContain("B"); // bought 12 days ago, cycle 10 days: due again
    const upsell = (windowMinDays: number) => [{ sourceProductId: "A", targetProductId: "B", type: "UPSELL", windowMinDays, windowMaxDays: 90 }];
    expect(ids({ products: cams(365), pairs: upsell(7) })).toContain("B");
    expect(ids({ products: cams(365), pairs: upsell(30) })).not.toContain("B"); // window not yet open
    expect(ids({ products: cams(365), pairs: [{ ...upsell(7)[0], type: "ACCESSORY" }] })).not.toContain("B");
    // y bought A, then D (a camera too) a day later: an upgrade from A is not one of the camera in use.
    const three = [...cams(365), { id: "D", category: "Cameras", durable: true, replacementCycleDays: 365 }];
    const forY = recommendFromOrderLines(lines(), { asOfDay, top: 5, windowDays: 30, products: three, pairs: upsell(7), customers: ["y"] })[0];
    expect(forY.recommendations.map((r) => r.productId)).not.toContain("B");
    const fromD = [{ ...upsell(7)[0], sourceProductId: "D" }];
    const forY2 = recommendFromOrderLines(lines(), { asOfDay, top: 5, windowDays: 30, products: three, pairs: fromD, customers: ["y"] })[0];
    expect(forY2.recommendations.map((r) => r.productId)).toContain("B");
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

describe("reasons", () => {
  // 20 customers bought A and B in one order, 10 bought A then B 10 days later, 20 bought only E;
  // x bought A 12 days before as-of. Cosine (30 / sqrt(31 x 30)) beats the shrunk sequence confidence
  // in the score, but the sequence (10 customers) or the basket rule (20 orders) is the stated reason.
  function mixed(): OrderLine[] {
    const out: OrderLine[] = [];
    const add = (o: string, c: string, d: string, p: string) => out.push({ orderId: o, customerId: c, date: d, productId: p, quantity: 1, unitPrice: 10 });
    for (let i = 0; i < 20; i++) {
      add(`s${i}`, `s${i}`, "2024-01-01", "A");
      add(`s${i}`, `s${i}`, "2024-01-01", "B");
      add(`e${i}`, `e${i}`, "2024-01-01", "E");
    }
    for (let i = 0; i < 10; i++) {
      add(`q${i}a`, `q${i}`, "2024-01-01", "A");
      add(`q${i}b`, `q${i}`, "2024-01-11", "B");
    }
    add("x1", "x", "2024-01-20", "A");
    return out;
  }
  const reasonForB = (minSupport?: number) => {
    const recs = recommendFromOrderLines(mixed(), { asOfDay, windowDays: 30, customers: ["x"], reasonMinSupport: minSupport })[0].recommendations;
    return recs.find((r) => r.productId === "B")!.reason;
  };

  it("names a supported sequence instead of a stronger similarity, with the true numbers", () => {
    const r = reasonForB();
    expect(r.kind).toBe("sequence");
    expect(r.customers).toBe(10);
    // 10 sequences over the A buyers without B at their first A: 10 plus x exposed 12/30.
    expect(r.confidence).toBeCloseTo(10 / 10.4, 12);
    expect(r.lift).toBeGreaterThan(1);
    expect(r.text).toBe(`bought A 12 days ago; 96% of A buyers bought B within 30 days (lift ${r.lift!.toFixed(1)}, 10 customers)`);
  });

  it("falls back to a supported basket rule, then to the similarity", () => {
    const basket = reasonForB(11);
    expect(basket.kind).toBe("basket");
    expect(basket.orders).toBe(20);
    // 31 orders hold A; 30 of 61 orders hold B.
    expect(basket.confidence).toBeCloseTo(20 / 31, 12);
    expect(basket.lift).toBeCloseTo(20 / 31 / (30 / 61), 12);
    expect(basket.text).toBe(`bought A 12 days ago; 65% of orders with A also held B (lift ${basket.lift!.toFixed(1)}, 20 orders)`);
    const similar = reasonForB(21);
    expect(similar.kind).toBe("similar");
    expect(similar.customers).toBe(30);
    expect(similar.similarity).toBeCloseTo(30 / Math.sqrt(31 * 30), 12);
    expect(similar.text).toBe(`bought A 12 days ago; 30 customers bought both A and B (similarity ${(30 / Math.sqrt(31 * 30)).toFixed(2)})`);
  });
});

describe("calibration", () => {
  it("adds the calibrated probability, uses it for the expected value and keeps the probability ranking", () => {
    const plain = forX({ asOfDay, top: 5 }).recommendations;
    const half = { x: [0, 1], y: [0, 0.5], n: 2, positives: 1 };
    const cal = forX({ asOfDay, top: 5, calibration: half, products: [{ id: "B", price: 20, unitCost: 12 }], pAlive: new Map([["x", 0.5]]) }).recommendations;
    expect(plain[0].probability).toBeUndefined();
    expect(cal.map((r) => r.productId)).toEqual(plain.map((r) => r.productId));
    cal.forEach((r, i) => {
      expect(r.score).toBe(plain[i].score);
      expect(r.probability).toBeCloseTo(r.score / 2, 12);
      expect(r.expectedValue).toBeCloseTo(r.probability! * r.margin * r.pAlive, 12);
    });
  });

  it("states a curated pair's chance as the offer's own calibrated P(buy)", () => {
    const pairs = [{ sourceProductId: "A", targetProductId: "D", type: "accessory", windowMinDays: 7, windowMaxDays: 60 }];
    const half = { x: [0, 1], y: [0, 0.5], n: 2, positives: 1 };
    const d = forX({ asOfDay, top: 5, pairs, calibration: half }).recommendations.find((r) => r.productId === "D")!;
    // The map halves the score; the pair states exactly the probability the offer carries.
    expect(d.probability).toBeCloseTo(d.score / 2, 12);
    expect(d.reason.confidence).toBe(d.probability);
    expect(d.reason.text).toBe(`bought A 12 days ago; curated accessory pair A -> D (estimated ${formatChance(d.probability!)} chance)`);
    // Without calibration there is no P(buy): the pair states its own default chance (15%).
    const raw = forX({ asOfDay, top: 5, pairs }).recommendations.find((r) => r.productId === "D")!;
    expect(raw.reason.confidence).toBe(0.15);
  });

  it("ranks by expected value with the calibrated probability", () => {
    // B: high score, margin 10; C: lower score, margin 100. Raw scores put C first by expected value;
    // a map that gives C's score almost no chance puts B first.
    const products = [{ id: "B", price: 10, unitCost: 0 }, { id: "C", price: 100, unitCost: 0 }];
    const raw = forX({ asOfDay, top: 5, rankBy: "expectedValue", products }).recommendations;
    const sB = raw.find((r) => r.productId === "B")!.score;
    const sC = raw.find((r) => r.productId === "C")!.score;
    expect(sB).toBeGreaterThan(sC);
    expect(sC * 100).toBeGreaterThan(sB * 10);
    expect(raw[0].productId).toBe("C");
    const map = { x: [sC, sB], y: [0.001, 0.9], n: 0, positives: 0 };
    const cal = forX({ asOfDay, top: 5, rankBy: "expectedValue", products, calibration: map }).recommendations;
    expect(cal[0].productId).toBe("B");
    expect(cal[0].probability).toBeCloseTo(0.9, 12);
    expect(cal.find((r) => r.productId === "C")!.expectedValue).toBeCloseTo(0.1, 12);
  });

  it("fits on the window before as-of: labels are purchases in [as-of - W, as-of) only", () => {
    const l: OrderLine[] = [];
    const add = (o: string, c: string, d: string, p: string) => l.push({ orderId: o, customerId: c, date: d, productId: p, quantity: 1, unitPrice: 10 });
    for (let i = 0; i < 10; i++) {
      add(`a${i}`, `c${i}`, "2024-01-01", "A");
      add(`b${i}`, `c${i}`, "2024-01-11", "B");
    }
    // x, y, z look the same before Jan 30 (A on Jan 20). x buys B inside the holdout window
    // [Jan 30, Feb 29), y never does, z only on Mar 3, after as-of: one positive out of three.
    for (const c of ["x", "y", "z"]) add(`${c}1`, c, "2024-01-20", "A");
    add("x2", "x", "2024-02-05", "B");
    add("z2", "z", "2024-03-03", "B");
    const t = lineTableFromOrderLines(l);
    // Every observation kept and no pooling of light pieces, so the fit is plain isotonic regression.
    const opts = { asOfDay: requireDay("2024-02-29", "d"), windowDays: 30, calibrationNegativeStep: 1, calibrationMinBlock: 0 };
    const cal = fitHoldoutCalibration(t, opts);
    expect(cal.positives).toBe(1);
    // The holdout model's score of B for x (and y, z: same history) maps to 1/3.
    const holdout = buildRecommender(t, { ...opts, asOfDay: opts.asOfDay - 30 });
    const xi = holdout.history.customerIds.indexOf("x");
    let sB = NaN;
    holdout.forEachCandidate(xi, (b, s) => {
      if (holdout.history.productIds[b] === "B") sB = s;
    });
    expect(calibrate(cal, sB)).toBeCloseTo(1 / 3, 12);
    // Recommending with calibration on uses that fit.
    const rec = recommendFromOrderLines(l, { ...opts, calibration: true, customers: ["y"] })[0];
    expect(rec.recommendations[0].probability).toBeGreaterThanOrEqual(0);
    expect(rec.recommendations[0].probability).toBeLessThanOrEqual(1);
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
