// Integration (SQLite and PostgreSQL): a database seeded without demo history gets complete facts from
// its first scoring run (not only the run's window), so the dashboard is full from the first start.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";

let t: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 150, seed: 4 });
});

afterAll(async () => {
  await t?.cleanup();
});

describe("first scoring run", () => {
  it("builds every day's facts and its run's funnel", async () => {
    expect(await t.db.orderDayFact.count()).toBe(0);
    const { runScoring } = await import("@/lib/scoring/run-scoring");
    const run = await runScoring({ url: t.url });
    const orders = await t.db.order.aggregate({ _count: { _all: true }, _sum: { totalCents: true } });
    const facts = await t.db.orderDayFact.aggregate({ _sum: { orders: true, revenueCents: true } });
    expect(facts._sum.orders).toBe(orders._count._all);
    expect(facts._sum.revenueCents).toBe(orders._sum.totalCents);
    const funnel = await t.db.opportunityFact.aggregate({ where: { runId: run.runId }, _sum: { opportunities: true } });
    expect(funnel._sum.opportunities).toBe(await t.db.opportunity.count({ where: { runId: run.runId } }));
  });
});
