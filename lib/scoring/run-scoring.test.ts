// Integration: a scoring run on a seeded 300-account database, then a second run that carries worked
// offers over and expires the untouched ones.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import { outcomeSchema, type OutcomeInput } from "@/lib/validations/outcomes";
import { inHoldout } from "./holdout";
import { runScoring, type ScoringSummary } from "./run-scoring";
import { inspect, opportunitiesOf, type Inspector } from "./test-helpers";
import { STAGES, type ProgressEvent } from "./types";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let q: Inspector;
let first: ScoringSummary;
const events: ProgressEvent[] = [];

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 300, seed: 7, provider: "sqlite" });
  q = inspect(t.url);
  first = await runScoring({ url: t.url, onProgress: (e) => events.push(e) });
});

afterAll(async () => {
  q?.close();
  await t?.cleanup();
});

describe("first scoring run", () => {
  it("completes as the only active run with parameters, counts, timings and progress", () => {
    const run = q.get<{ status: string; active: number; progress: number; stage: string; parameters: string; counts: string; timings: string; finishedAt: string | null }>(
      'SELECT * FROM "ScoringRun" WHERE "id" = ?', first.runId);
    expect(run).toMatchObject({ status: "COMPLETED", active: 1, progress: 1, stage: "done" });
    expect(run.finishedAt).not.toBeNull();
    expect(q.activeRunId()).toEqual([first.runId]);
    const parameters = JSON.parse(run.parameters);
    expect(parameters.asOf).toBe(first.asOf);
    expect(parameters.settings).toMatchObject({ holdoutShare: 0.1, maxOffersPerAccount: 3 });
    const counts = JSON.parse(run.counts);
    expect(counts.opportunities).toBe(q.get<{ n: number }>('SELECT COUNT(*) AS n FROM "Opportunity" WHERE "runId" = ?', first.runId).n);
    expect(counts.clv.method).toMatch(/bgnbd|historic/);
    const timings = JSON.parse(run.timings);
    expect(Object.keys(timings)).toEqual(expect.arrayContaining([...STAGES, "total"]));
    expect(timings.total).toBeGreaterThanOrEqual(timings.opportunities + timings.activate);
    // Progress never goes backwards and passes through every stage in order.
    const fractions = events.map((e) => e.progress);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect([...new Set(events.map((e) => e.stage))]).toEqual([...STAGES]);
  });

  it("stores metrics for every account with orders before the as-of day, and copies them onto the accounts", () => {
    const buyers = q.all<{ accountId: string }>('SELECT DISTINCT "accountId" FROM "OrderLine" WHERE "quantity" > 0 AND "orderedAt" < ? ORDER BY 1', `${first.asOf}T00:00:00.000+00:00`);
    const metrics = q.all<{ accountId: string; segment: string; clv: number; pAlive: number | null }>(
      'SELECT "accountId", "segment", "clv", "pAlive" FROM "AccountMetrics" WHERE "runId" = ? ORDER BY 1', first.runId);
    expect(buyers.length).toBeGreaterThan(250);
    expect(metrics.map((m) => m.accountId)).toEqual(buyers.map((b) => b.accountId));
    const accounts = new Map(q.all<{ id: string; segment: string; clv: number; pAlive: number | null }>('SELECT "id", "segment", "clv", "pAlive" FROM "Account"').map((a) => [a.id, a]));
    for (const m of metrics) expect(accounts.get(m.accountId)).toMatchObject({ segment: m.segment, clv: m.clv, pAlive: m.pAlive });
    expect(new Set(metrics.map((m) => m.segment)).size).toBeGreaterThan(3);
  });

  it("offers only to contactable accounts, never owned, inactive or suppressed-pair products, at most maxOffers each", () => {
    const opps = opportunitiesOf(q, first.runId);
    expect(opps.length).toBeGreaterThan(500);
    const dnc = q.get<{ n: number }>('SELECT COUNT(*) AS n FROM "Opportunity" o JOIN "Account" a ON a."id" = o."accountId" WHERE o."runId" = ? AND a."doNotContact" = 1', first.runId);
    expect(q.get<{ n: number }>('SELECT COUNT(*) AS n FROM "Account" WHERE "doNotContact" = 1').n).toBeGreaterThan(0);
    expect(dnc.n).toBe(0);
    const owned = q.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM "Opportunity" o WHERE o."runId" = ? AND EXISTS (SELECT 1 FROM "OrderLine" l WHERE l."accountId" = o."accountId" AND l."productId" = o."productId")', first.runId);
    expect(owned.n).toBe(0);
    const inactive = q.get<{ n: number }>('SELECT COUNT(*) AS n FROM "Opportunity" o JOIN "Product" p ON p."id" = o."productId" WHERE o."runId" = ? AND p."active" = 0', first.runId);
    expect(inactive.n).toBe(0);
    const suppressed = q.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM "Opportunity" o JOIN "ProductPair" pp ON pp."targetProductId" = o."productId" AND pp."suppressed" = 1
       WHERE o."runId" = ? AND EXISTS (SELECT 1 FROM "OrderLine" l WHERE l."accountId" = o."accountId" AND l."productId" = pp."sourceProductId")`, first.runId);
    expect(suppressed.n).toBe(0);
    const perAccount = new Map<string, number[]>();
    for (const o of opps) perAccount.set(o.accountId, [...(perAccount.get(o.accountId) ?? []), o.rank]);
    for (const ranks of perAccount.values()) expect(ranks).toEqual(Array.from({ length: ranks.length }, (_, i) => i + 1).slice(0, 3));
  });

  it("assigns the owner, computes expected value = P(buy) x margin x P(alive), and links curated pairs the account can use", () => {
    const opps = opportunitiesOf(q, first.runId);
    const owner = new Map(q.all<{ id: string; ownerId: string }>('SELECT "id", "ownerId" FROM "Account"').map((a) => [a.id, a.ownerId]));
    const product = new Map(q.all<{ id: string; priceCents: number; unitCostCents: number }>('SELECT * FROM "Product"').map((p) => [p.id, p]));
    const alive = new Map(q.all<{ accountId: string; pAlive: number | null }>('SELECT "accountId", "pAlive" FROM "AccountMetrics" WHERE "runId" = ?', first.runId).map((m) => [m.accountId, m.pAlive ?? 1]));
    for (const o of opps) {
      expect(o.assigneeId).toBe(owner.get(o.accountId));
      const p = product.get(o.productId)!;
      expect(o.expectedValue).toBeCloseTo(o.probability * ((p.priceCents - p.unitCostCents) / 100) * alive.get(o.accountId)!, 6);
      expect(o.probability).toBeGreaterThan(0);
      expect(o.probability).toBeLessThan(1);
    }
    const linked = opps.filter((o) => o.pairId !== null);
    expect(linked.length).toBeGreaterThan(0);
    for (const o of linked) {
      const pair = q.get<{ sourceProductId: string; targetProductId: string; active: number; suppressed: number }>('SELECT * FROM "ProductPair" WHERE "id" = ?', o.pairId);
      expect(pair).toMatchObject({ targetProductId: o.productId, active: 1, suppressed: 0 });
      expect(q.get<{ n: number }>('SELECT COUNT(*) AS n FROM "OrderLine" WHERE "accountId" = ? AND "productId" = ?', o.accountId, pair.sourceProductId).n).toBeGreaterThan(0);
    }
  });

  it("explains every offer in numbers with product names", () => {
    const names = new Map(q.all<{ id: string; name: string }>('SELECT "id", "name" FROM "Product"').map((p) => [p.id, p.name]));
    for (const o of opportunitiesOf(q, first.runId)) {
      const reason = JSON.parse(o.reason);
      expect(reason.kind).toMatch(/^(sequence|basket|similar|curated|popular)$/);
      expect(reason.probability).toBe(o.probability);
      expect(reason.targetProductId).toBe(o.productId);
      expect(o.reasonText).toMatch(/\d/);
      expect(o.reasonText).toContain(names.get(o.productId));
      if (reason.kind !== "popular") {
        expect(o.reasonText).toContain(names.get(reason.sourceProductId));
        expect(o.reasonText).toMatch(/^bought .+ \d+ days? ago; /);
        expect(reason.daysSinceSource).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it("puts a stable share of accounts near the setting in the holdout", () => {
    const opps = opportunitiesOf(q, first.runId);
    const accounts = [...new Set(opps.map((o) => o.accountId))];
    const held = accounts.filter((a) => opps.some((o) => o.accountId === a && o.holdout === 1));
    for (const o of opps) expect(o.holdout === 1).toBe(inHoldout(o.accountId, 0.1));
    expect(held.length / accounts.length).toBeGreaterThan(0.04);
    expect(held.length / accounts.length).toBeLessThan(0.17);
  });

  it("stores the strongest basket and sequence rules with sorted keys", () => {
    const rules = q.all<{ kind: string; antecedentKey: string; consequentKey: string; antecedentIds: string; lift: number; confidence: number; count: number }>(
      'SELECT * FROM "MinedRule" WHERE "runId" = ?', first.runId);
    const kinds = new Set(rules.map((r) => r.kind));
    expect(kinds).toEqual(new Set(["BASKET", "SEQUENCE"]));
    for (const r of rules) {
      expect(r.antecedentKey).toBe([...JSON.parse(r.antecedentIds)].sort().join("|"));
      expect(r.lift).toBeGreaterThan(1);
      expect(r.count).toBeGreaterThanOrEqual(10);
    }
  });
});

describe("second scoring run", () => {
  const log = async (o: { id: string; version: number; accountId: string }, input: Partial<OutcomeInput> & { outcome: OutcomeInput["outcome"] }) => {
    const { logOutcome } = await import("@/lib/data/outcomes");
    const owner = q.get<{ email: string }>('SELECT u."email" FROM "Account" a JOIN "User" u ON u."id" = a."ownerId" WHERE a."id" = ?', o.accountId);
    return logOutcome(t.actor(owner.email), outcomeSchema.parse({ idempotencyKey: randomUUID(), channel: "CALL", opportunityId: o.id, version: o.version, ...input }));
  };

  it("carries worked offers over with their history, expires untouched ones and honours a new decline", async () => {
    const opps = opportunitiesOf(q, first.runId).filter((o) => o.holdout === 0);
    const [noAnswer, interested, declined] = [opps[0], opps.find((o) => o.accountId !== opps[0].accountId)!, opps.find((o) => o.accountId !== opps[0].accountId && o.rank === 2)!];
    await log(noAnswer, { outcome: "NO_ANSWER" });
    await log(interested, { outcome: "INTERESTED", followUpAt: new Date(Date.now() + 3 * 86_400_000) });
    await log(declined, { outcome: "NOT_INTERESTED", declineReason: "PRICE" });
    const untouched = opps.filter((o) => ![noAnswer.id, interested.id, declined.id].includes(o.id) && o.accountId !== declined.accountId);

    const second = await runScoring({ url: t.url });
    expect(q.activeRunId()).toEqual([second.runId]);
    expect(q.get<{ active: number }>('SELECT "active" FROM "ScoringRun" WHERE "id" = ?', first.runId).active).toBe(0);
    // Same data, so the new run proposed both worked offers again: those duplicates must give way.
    expect(second.activation).toMatchObject({ previousRunId: first.runId, carriedOver: 2, duplicatesDropped: 2 });

    const a = q.get<{ runId: string; status: string; attempts: number; version: number }>('SELECT * FROM "Opportunity" WHERE "id" = ?', noAnswer.id);
    expect(a).toMatchObject({ runId: second.runId, status: "OPEN", attempts: 1, version: 2 });
    expect(q.get<{ n: number }>('SELECT COUNT(*) AS n FROM "Activity" WHERE "opportunityId" = ?', noAnswer.id).n).toBe(1);
    expect(q.get<{ runId: string; status: string }>('SELECT * FROM "Opportunity" WHERE "id" = ?', interested.id)).toMatchObject({ runId: second.runId, status: "SNOOZED" });
    // No second offer of the same product to the same account in the new run.
    for (const w of [noAnswer, interested]) {
      expect(q.get<{ n: number }>('SELECT COUNT(*) AS n FROM "Opportunity" WHERE "runId" = ? AND "accountId" = ? AND "productId" = ?', second.runId, w.accountId, w.productId).n).toBe(1);
    }
    // The declined product is not offered again within the cool-down; the lost offer stays in the old run.
    expect(q.get<{ runId: string; status: string }>('SELECT * FROM "Opportunity" WHERE "id" = ?', declined.id)).toMatchObject({ runId: first.runId, status: "LOST" });
    expect(q.get<{ n: number }>('SELECT COUNT(*) AS n FROM "Opportunity" WHERE "runId" = ? AND "accountId" = ? AND "productId" = ?', second.runId, declined.accountId, declined.productId).n).toBe(0);

    const statuses = new Set(untouched.map((o) => q.get<{ status: string; runId: string }>('SELECT "status", "runId" FROM "Opportunity" WHERE "id" = ?', o.id)).map((r) => `${r.runId}:${r.status}`));
    expect(statuses).toEqual(new Set([`${first.runId}:EXPIRED`]));
    expect(second.activation.expired).toBe(q.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "Opportunity" WHERE "runId" = ? AND "status" = 'EXPIRED'`, first.runId).n);

    // Holdout membership does not move between runs.
    const flags = (runId: string) => new Map(q.all<{ accountId: string; holdout: number }>('SELECT "accountId", MAX("holdout") AS "holdout" FROM "Opportunity" WHERE "runId" = ? GROUP BY 1', runId).map((r) => [r.accountId, r.holdout]));
    const before = flags(first.runId);
    const after = flags(second.runId);
    const common = [...after.keys()].filter((id) => before.has(id));
    expect(common.length).toBeGreaterThan(200);
    for (const id of common) expect(after.get(id)).toBe(before.get(id));
  });
});
