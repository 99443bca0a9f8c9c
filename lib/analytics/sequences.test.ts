import { describe, expect, it } from "vitest";
import { requireDay } from "./dates";
import { lineTableFromOrderLines, type OrderLine } from "./line-table";
import { mineSequences } from "./sequences";

describe("mineSequences", () => {
  it("counts A-then-B customers within the window with confidence, base rate, lift and median lag", () => {
    const l: OrderLine[] = [];
    const add = (c: string, d: string, p: string) => l.push({ orderId: `${c}${d}${p}`, customerId: c, date: d, productId: p, quantity: 1, unitPrice: 1 });
    // c1..c3: A then B after 5, 10, 40 days. c4: A only. c5: B then A (owned B first). c6: X then B after 3 days.
    add("c1", "2024-01-01", "A"); add("c1", "2024-01-06", "B");
    add("c2", "2024-01-01", "A"); add("c2", "2024-01-11", "B");
    add("c3", "2024-01-01", "A"); add("c3", "2024-02-10", "B");
    add("c4", "2024-01-01", "A");
    add("c5", "2024-01-01", "B"); add("c5", "2024-01-02", "A");
    add("c6", "2024-01-01", "X"); add("c6", "2024-01-04", "B");
    // end of data 2024-06-01: everyone fully exposed for a 30-day window.
    const res = mineSequences(lineTableFromOrderLines(l), { windowDays: 30, minCustomers: 1, endDay: requireDay("2024-06-01", "d") });
    const ab = res.find((s) => s.antecedent === "A" && s.consequent === "B")!;
    // supporters c1, c2 (c3's lag 40 > 30); denominator: A buyers not owning B at first A = c1..c4 = 4.
    expect(ab.customers).toBe(2);
    expect(ab.antecedentCustomers).toBe(4);
    expect(ab.confidence).toBe(0.5);
    expect(ab.medianLagDays).toBe(7.5);
    // Base rate of B: first B within 30 days of the first order: c1, c2, c6 of the 5 customers not owning B on day one (c5 did).
    expect(ab.baseRate).toBeCloseTo(3 / 5, 12);
    expect(ab.lift).toBeCloseTo(0.5 / 0.6, 12);
  });
});
