import { describe, expect, it } from "vitest";
import { backtest, rankingMetrics } from "./backtest";
import { requireDay } from "./dates";
import { lineTableFromOrderLines, type OrderLine } from "./line-table";

describe("rankingMetrics", () => {
  it("matches hand-computed hit rate, precision, recall and NDCG", () => {
    // user 1: hits at ranks 1 and 3 of 3, 2 relevant; user 2: no hit.
    const m = rankingMetrics([[10, 11, 12], [20, 21, 22]], [new Set([10, 12]), new Set([99])], 3);
    expect(m.hitRate).toBe(0.5);
    expect(m.precision).toBeCloseTo((2 / 3 + 0) / 2, 12);
    expect(m.recall).toBeCloseTo((1 + 0) / 2, 12);
    const dcg = 1 + 1 / Math.log2(4);
    const idcg = 1 + 1 / Math.log2(3);
    expect(m.ndcg).toBeCloseTo(dcg / idcg / 2, 12);
  });
});

describe("backtest", () => {
  it("evaluates only customers with history and new products, and scores both baselines", () => {
    const l: OrderLine[] = [];
    const add = (o: string, c: string, d: string, p: string) => l.push({ orderId: o, customerId: c, date: d, productId: p, quantity: 1, unitPrice: 1 });
    // Training: P is the most popular (4 buyers, bought with A); A then B is a sequence for 3 customers.
    for (const c of ["u1", "u2", "u3"]) {
      add(`${c}1`, c, "2024-01-01", "A");
      add(`${c}2`, c, "2024-01-10", "B");
    }
    for (const c of ["u1", "u2", "u3", "u4"]) add(`${c}p`, c, "2024-01-01", "P"); // same day as A: not a sequence
    add("t1", "t", "2024-01-28", "A");
    // Test window from 2024-02-01: t buys B (new), u4 buys P again (owned, not new), "new" has no history.
    add("t2", "t", "2024-02-05", "B");
    add("u4x", "u4", "2024-02-05", "P");
    add("n1", "new", "2024-02-05", "B");
    const res = backtest(lineTableFromOrderLines(l), { splitDay: requireDay("2024-02-01", "s"), horizonDays: 30, k: 1 });
    expect(res.customersEvaluated).toBe(1);
    expect(res.model.hitRate).toBe(1);
    // Popular not-yet-owned for t is P (4 buyers): a miss.
    expect(res.baselines.popular!.hitRate).toBe(0);
    // Co-occurrence from A: B co-bought by 3, P by 3 -> tie broken by product index (B before P) -> hit.
    expect(res.baselines.cooccurrence!.hitRate).toBe(1);
  });
});
