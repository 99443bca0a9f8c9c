import { describe, expect, it } from "vitest";
import { forest, upliftSection, verdictOf } from "./uplift-section";

const row = (key: string, holdout: boolean, accounts: number, buyers: number, revenueCents = 0, grossProfitCents = 0, contacts = 0, contactedAccounts = 0) => ({
  key, holdout, accounts, buyers, revenueCents, grossProfitCents, contacts, contactedAccounts,
});

describe("uplift section", () => {
  it("sums rows into the reference test (412/9000 vs 31/1000) and states a conclusive verdict", () => {
    const s = upliftSection(
      [row("a", false, 5000, 230, 1_000_000, 400_000, 3000), row("b", false, 4000, 182, 800_000, 300_000, 1000), row("a", true, 1000, 31, 100_000, 40_000)],
      { holdoutShare: 0.1, costPerContact: 5, weeks: 13 },
    );
    expect(s.result!.pValue).toBeCloseTo(0.031193, 6);
    // incremental revenue = (18,000 / 9,000 - 1,000 / 1,000) x 9,000 = 9,000; GP = (7,000/9,000 - 400/1,000) x 9,000 = 3,400
    expect(s.incremental!.revenue).toBeCloseTo(9000, 6);
    expect(s.incremental!.grossProfit).toBeCloseTo(3400, 6);
    expect(s.incremental!.outreachCost).toBe(20_000);
    expect(s.incremental!.roi).toBeCloseTo((3400 - 20000) / 20000, 9);
    expect(s.conclusive).toBe(true);
    expect(s.verdict).toBe("Treated accounts bought the offered product 1.5 points more often, 95% CI 0.1 to 2.5, p = 0.03.");
    expect(s.srmWarning).toBe(false);
  });

  it("not yet conclusive: says how many more weeks a 1-point lift needs", () => {
    // 130/1200 vs 9/140 over 4 weeks: pooled 139/1340; n = 7.848879 x p(1-p) x (1/0.9 + 1/0.1) / 0.0001
    const v = verdictOf(
      upliftSection([row("", false, 1200, 130), row("", true, 140, 9)], { holdoutShare: 0.1, costPerContact: 5, weeks: 4 }).result,
      { holdoutShare: 0.1, weeks: 4 },
    );
    const p = 139 / 1340;
    const required = Math.ceil((7.848879 * p * (1 - p) * (1 / 0.9 + 10)) / 0.0001);
    const weeks = Math.ceil((required - 1340) / (1340 / 4));
    expect(v.conclusive).toBe(false);
    expect(v.text).toBe(`Not yet conclusive: 4.4 points (95% CI -1.2 to 8.0, p = 0.11). At this volume about ${weeks} more weeks to detect a 1-point lift at 80% power.`);
  });

  it("warns on a sample-ratio mismatch and counts contamination", () => {
    const s = upliftSection([row("", false, 800, 40), row("", true, 200, 8, 0, 0, 0, 3)], { holdoutShare: 0.1, costPerContact: 5, weeks: 4 });
    expect(s.srmWarning).toBe(true);
    expect(s.contamination).toEqual({ accounts: 3, of: 200 });
    expect(upliftSection([row("", false, 10, 1)], { holdoutShare: 0.1, costPerContact: 5, weeks: 1 }).result).toBeNull();
  });

  it("forest rows per key, largest first, with no interval for a one-sided group", () => {
    const f = forest([row("x", false, 900, 90), row("x", true, 100, 8), row("y", false, 50, 5)], (k) => k.toUpperCase());
    expect(f.map((r) => r.label)).toEqual(["X", "Y"]);
    expect(f[0].diff).toBeCloseTo(0.02, 12);
    expect(f[1].diff).toBeNull();
  });
});
