// Integration (SQLite and PostgreSQL): a run shared by three worker processes gives the same offers,
// account metrics and rules as a one-process run on the same seed, offer by offer; a worker that fails
// fails the whole run, removes every row it and the others wrote and leaves the previous run live.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/prisma-client";
import { createTestDatabase } from "@/lib/testing/test-db";
import { partOf, runScoring, type ScoringSummary } from "./run-scoring";

const ACCOUNTS = 900;
const SEED = 11;

// Each database through its own client (createTestDatabase's \`db\` is the app's singleton, bound to the last one created).
type Db = { db: ReturnType<typeof createPrismaClient>; url: string; cleanup: () => Promise<void> };

async function database(): Promise<Db> {
  const t = await createTestDatabase({ accounts: ACCOUNTS, seed: SEED });
  const db = createPrismaClient(t.url);
  return { db, url: t.url, cleanup: async () => { await db.$disconnect(); await t.cleanup(); } };
}

async function offers(t: Db, runId: string) {
  const rows = await t.db.opportunity.findMany({
    where: { runId },
    select: {
      accountId: true, productId: true, pairId: true, assigneeId: true, probability: true, expectedValue: true, reason: true, reasonText: true,
      rank: true, holdout: true, channel: true, status: true,
    },
  });
  return rows.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : a.rank - b.rank));
}

async function metrics(t: Db, runId: string) {
  const rows = await t.db.accountMetrics.findMany({
    where: { runId },
    select: { accountId: true, segment: true, r: true, f: true, m: true, clv: true, clvTier: true, pAlive: true, predictedClv: true },
  });
  return rows.sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
}

async function rules(t: Db, runId: string) {
  const rows = await t.db.minedRule.findMany({ where: { runId }, select: { kind: true, antecedentKey: true, consequentKey: true, support: true, confidence: true, lift: true, count: true } });
  return rows.sort((a, b) => `${a.kind}${a.antecedentKey}>${a.consequentKey}`.localeCompare(`${b.kind}${b.antecedentKey}>${b.consequentKey}`));
}

describe("a scoring run shared by worker processes", () => {
  let single: Db;
  let shared: Db;
  let one: ScoringSummary;
  let three: ScoringSummary;

  beforeAll(async () => {
    single = await database();
    shared = await database();
    one = await runScoring({ url: single.url });
    three = await runScoring({ url: shared.url, workers: 3 });
  }, 240_000);
  afterAll(async () => {
    await single?.cleanup();
    await shared?.cleanup();
  });

  it("gives the same offers, metrics and rules as one process", async () => {
    const [a, b] = await Promise.all([offers(single, one.runId), offers(shared, three.runId)]);
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toEqual(a);
    expect(await metrics(shared, three.runId)).toEqual(await metrics(single, one.runId));
    expect(await rules(shared, three.runId)).toEqual(await rules(single, one.runId));
    expect(three.counts).toMatchObject({ opportunities: one.counts.opportunities, metrics: one.counts.metrics, holdoutAccounts: one.counts.holdoutAccounts, workers: 3 });
    expect((three.counts.workersPeakRssMb as number[]).length).toBe(3);
    // The category repurchase figures of the admin's category page are stored once, the same either way.
    const figures = (t: Db) => t.db.categoryRepurchase.findMany({ select: { category: true, buyers: true, repeatBuyers: true }, orderBy: { category: "asc" } });
    const stored = await figures(single);
    expect(stored.length).toBeGreaterThan(5);
    expect(stored.some((f) => f.repeatBuyers > 0)).toBe(true);
    expect(await figures(shared)).toEqual(stored);
    const run = await shared.db.scoringRun.findUniqueOrThrow({ where: { id: three.runId } });
    expect(run).toMatchObject({ status: "COMPLETED", active: true, progress: 1 });
  });

  it("splits the accounts into parts that are stable and roughly even", () => {
    const ids = Array.from({ length: 30_000 }, (_, i) => `acc_${String(i).padStart(7, "0")}`);
    const sizes = [0, 0, 0];
    for (const id of ids) sizes[partOf(id, 3)]++;
    for (const n of sizes) expect(Math.abs(n - 10_000)).toBeLessThan(400);
    expect(ids.map((id) => partOf(id, 3))).toEqual(ids.map((id) => partOf(id, 3)));
    expect(partOf("anything", 1)).toBe(0);
  });

  it("fails the whole run when one worker fails, leaving the previous run live and none of its rows", async () => {
    await expect(runScoring({ url: shared.url, workers: 3, failAt: "opportunities" })).rejects.toThrow(/worker 2 of 3 failed: injected failure at stage opportunities/);
    const failed = await shared.db.scoringRun.findFirstOrThrow({ where: { status: "FAILED" }, orderBy: { startedAt: "desc" } });
    expect(failed.error).toMatch(/worker 2 of 3/);
    expect(await shared.db.opportunity.count({ where: { runId: failed.id } })).toBe(0);
    expect(await shared.db.accountMetrics.count({ where: { runId: failed.id } })).toBe(0);
    expect(await shared.db.minedRule.count({ where: { runId: failed.id } })).toBe(0);
    const active = await shared.db.scoringRun.findMany({ where: { active: true }, select: { id: true } });
    expect(active).toEqual([{ id: three.runId }]);
  }, 240_000);
});
