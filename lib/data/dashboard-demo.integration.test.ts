// Integration (SQLite and PostgreSQL): the demo seed's planted effect (+2 points for treated accounts) lies
// inside the dashboard's 95% interval, computed end to end: generator -> database -> facts -> dashboard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import { parseDashboardParams } from "@/lib/dashboard/params";

let t: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  const { DEFAULT_ACCOUNTS, DEFAULT_SEED } = await import("@/prisma/seed/generator");
  t = await createTestDatabase({ accounts: DEFAULT_ACCOUNTS, seed: DEFAULT_SEED });
  const { generateSeedTables, DEFAULT_END_DATE } = await import("@/prisma/seed/generator");
  const { writeHistory } = await import("@/prisma/seed/history-writer");
  await writeHistory(t.url, generateSeedTables({ accounts: DEFAULT_ACCOUNTS, seed: DEFAULT_SEED }), { seed: DEFAULT_SEED, endDate: DEFAULT_END_DATE });
}, 300_000);

afterAll(async () => {
  await t?.cleanup();
});

describe("the demo seed's known answer", () => {
  it("the dashboard's 95% interval for treated minus holdout contains the planted +2 points", async () => {
    const { dashboardData } = await import("@/lib/data/dashboard");
    const admin = t.actor("admin@example.com");
    // Every history run's 60-day window closes within this range.
    const d = await dashboardData(admin, parseDashboardParams({ period: "custom", from: "2026-05-01", to: "2026-11-15" }));
    const r = d.uplift.result!;
    expect(d.uplift.forest.run).toHaveLength(6);
    expect(r.treated.n).toBeGreaterThan(5000);
    expect(r.ciLow).toBeLessThanOrEqual(0.02);
    expect(r.ciHigh).toBeGreaterThanOrEqual(0.02);
    // The holdout is never worked, and the split matches the configured share.
    expect(d.uplift.contamination.accounts).toBe(0);
    expect(d.uplift.srmWarning).toBe(false);
  });
});
