import { describe, expect, it } from "vitest";
import { upliftTest } from "@/lib/analytics/uplift";
import { generateSeedData } from "./generator";
import { generateHistory, type HistoryTables } from "./history";
import type { SeedData } from "./types";

const DAY = 86_400_000;

/** Intent to treat from the raw rows: per run, accounts offered anything; bought = an offered product within 60 days. */
function measure(base: SeedData, h: HistoryTables) {
  const lines = new Map<string, { at: number; productId: string }[]>();
  for (const l of [...base.orderLines, ...h.orderLines]) {
    const list = lines.get(l.accountId) ?? [];
    list.push({ at: l.orderedAt.getTime(), productId: l.productId });
    lines.set(l.accountId, list);
  }
  const t = { conversions: 0, n: 0 };
  const c = { conversions: 0, n: 0 };
  for (const run of h.runs) {
    const start = Date.parse(`${run.parameters.asOf as string}T00:00:00Z`);
    const offers = new Map<string, { holdout: boolean; products: Set<string> }>();
    for (const o of h.opportunities) {
      if (o.runId !== run.id) continue;
      const e = offers.get(o.accountId) ?? { holdout: o.holdout, products: new Set<string>() };
      e.products.add(o.productId);
      offers.set(o.accountId, e);
    }
    for (const [accountId, e] of offers) {
      const g = e.holdout ? c : t;
      g.n++;
      if ((lines.get(accountId) ?? []).some((l) => l.at >= start && l.at < start + 60 * DAY && e.products.has(l.productId))) g.conversions++;
    }
  }
  return upliftTest(t, c);
}

describe("demo history with a planted incremental effect", () => {
  it("is deterministic, keeps the holdout untouched and links cross-sold lines to won offers", () => {
    const base = generateSeedData({ accounts: 300, seed: 5 });
    const a = generateHistory(base, { seed: 5, endDate: new Date("2026-11-15T00:00:00Z") });
    const b = generateHistory(base, { seed: 5, endDate: new Date("2026-11-15T00:00:00Z") });
    expect(b).toEqual(a);
    expect(a.runs).toHaveLength(6);
    const holdoutOpps = new Set(a.opportunities.filter((o) => o.holdout).map((o) => o.id));
    expect(holdoutOpps.size).toBeGreaterThan(0);
    expect(a.activities.filter((x) => holdoutOpps.has(x.opportunityId))).toEqual([]);
    const won = new Map(a.opportunities.filter((o) => o.status === "WON").map((o) => [o.id, o]));
    expect(a.orderLines.length).toBe(won.size);
    for (const l of a.orderLines) expect(won.get(l.opportunityId!)?.productId).toBe(l.productId);
    // every window closed by the end date
    expect(a.runs.at(-1)!.parameters.asOf).toBe("2026-09-16");
  });

  it("over 20 seeds, at least 17 of the 95% intervals contain the planted +2 points", () => {
    let covered = 0;
    const diffs: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const base = generateSeedData({ accounts: 500, seed });
      const h = generateHistory(base, { seed, endDate: new Date("2026-11-15T00:00:00Z"), effect: 0.02 });
      const r = measure(base, h);
      diffs.push(r.diff);
      if (r.ciLow <= 0.02 && 0.02 <= r.ciHigh) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(17);
    // and the estimates centre on the effect rather than merely having wide intervals
    const mean = diffs.reduce((s, d) => s + d, 0) / diffs.length;
    expect(mean).toBeGreaterThan(0.005);
    expect(mean).toBeLessThan(0.035);
  });

  it("without an effect the intervals centre on zero", () => {
    const base = generateSeedData({ accounts: 800, seed: 77 });
    const h = generateHistory(base, { seed: 77, endDate: new Date("2026-11-15T00:00:00Z"), effect: 0 });
    expect(h.orderLines).toHaveLength(0);
    const r = measure(base, h);
    expect(r.ciLow).toBeLessThan(0);
    expect(r.ciHigh).toBeGreaterThan(0);
  });
});
