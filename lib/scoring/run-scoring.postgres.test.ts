// Integration on PostgreSQL (TEST_POSTGRES_URL): the same seed scored on SQLite and on PostgreSQL gives
// the same opportunities offer by offer, the same metrics and rules; the app reads the stored formats
// back through Prisma; a second run carries worked offers over and expires the untouched ones.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import { outcomeSchema, type OutcomeInput } from "@/lib/validations/outcomes";
import { inspectPg, skipMessage, TEST_POSTGRES_URL, type PgInspector } from "./postgres-test-helpers";
import { runScoring, type ScoringSummary } from "./run-scoring";

if (!TEST_POSTGRES_URL) console.warn(skipMessage("lib/scoring/run-scoring.postgres.test.ts"));

const ACCOUNTS = 400;
const SEED = 7;

interface Offer {
  accountId: string; productId: string; pairId: string | null; assigneeId: string; probability: number; expectedValue: number;
  rank: number; holdout: boolean; reasonText: string; reason: Record<string, unknown>;
}
const byOffer = (a: Offer, b: Offer) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : a.rank - b.rank);

describe.skipIf(!TEST_POSTGRES_URL)("scoring on PostgreSQL", () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let q: PgInspector;
  let sqliteDir: string;
  let lite: Database.Database;
  let pgRun: ScoringSummary;
  let liteRun: ScoringSummary;

  beforeAll(async () => {
    t = await createTestDatabase({ accounts: ACCOUNTS, seed: SEED, provider: "postgresql" });
    q = inspectPg(t.url);
    // The same seed on SQLite, outside the app's database singleton (only the scoring run reads it).
    sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-score-cmp-"));
    const liteUrl = `file:${path.join(sqliteDir, "cmp.db")}`;
    const { migrate } = await import("@/scripts/lib-env");
    const { seedDatabase } = await import("@/prisma/seed/index");
    migrate(liteUrl);
    await seedDatabase({ url: liteUrl, accounts: ACCOUNTS, seed: SEED, reset: false, verify: false });
    [pgRun, liteRun] = await Promise.all([runScoring({ url: t.url }), runScoring({ url: liteUrl })]);
    lite = new Database(path.join(sqliteDir, "cmp.db"), { readonly: true });
  });

  afterAll(async () => {
    lite?.close();
    await q?.close();
    await t?.cleanup();
    if (sqliteDir) fs.rmSync(sqliteDir, { recursive: true, force: true });
  });

  const pgOffers = async (runId: string) =>
    (await q.all<Offer>(
      'SELECT "accountId", "productId", "pairId", "assigneeId", "probability", "expectedValue", "rank", "holdout", "reasonText", "reason" FROM "Opportunity" WHERE "runId" = ?', runId,
    )).sort(byOffer);
  const liteOffers = (runId: string) =>
    (lite.prepare('SELECT "accountId", "productId", "pairId", "assigneeId", "probability", "expectedValue", "rank", "holdout", "reasonText", "reason" FROM "Opportunity" WHERE "runId" = ?').all(runId) as
      (Omit<Offer, "holdout" | "reason"> & { holdout: number; reason: string })[])
      .map((o) => ({ ...o, holdout: o.holdout === 1, reason: JSON.parse(o.reason) as Record<string, unknown> }))
      .sort(byOffer);

  it("gives the same opportunities as SQLite for the same seed, offer by offer", async () => {
    expect(pgRun.asOf).toBe(liteRun.asOf);
    const a = await pgOffers(pgRun.runId);
    const b = liteOffers(liteRun.runId);
    expect(a.length).toBeGreaterThan(ACCOUNTS);
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++) {
      const [x, y] = [a[i], b[i]];
      expect({ accountId: x.accountId, productId: x.productId, rank: x.rank, holdout: x.holdout, pairId: x.pairId, assigneeId: x.assigneeId, reasonText: x.reasonText }).toEqual({
        accountId: y.accountId, productId: y.productId, rank: y.rank, holdout: y.holdout, pairId: y.pairId, assigneeId: y.assigneeId, reasonText: y.reasonText,
      });
      expect(Math.abs(x.probability - y.probability)).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(x.expectedValue - y.expectedValue)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y.expectedValue)));
      expect(x.reason.kind).toBe(y.reason.kind);
    }
    // Everything but the activation's own counts (accountsUpdated differs by design, see ActivationCounts).
    const withoutActivation = (c: Record<string, unknown>) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== "activation"));
    expect(withoutActivation(pgRun.counts)).toEqual(withoutActivation(liteRun.counts));
  });

  it("stores the same metrics and rules, and copies segment, CLV and P(alive) onto the accounts", async () => {
    type M = { accountId: string; segment: string; clv: number; pAlive: number | null; clvTier: string; frequency: number };
    const sort = (r: M[]) => r.sort((x, y) => (x.accountId < y.accountId ? -1 : 1));
    const a = sort(await q.all<M>('SELECT "accountId", "segment", "clv", "pAlive", "clvTier", "frequency" FROM "AccountMetrics" WHERE "runId" = ?', pgRun.runId));
    const b = sort(lite.prepare('SELECT "accountId", "segment", "clv", "pAlive", "clvTier", "frequency" FROM "AccountMetrics" WHERE "runId" = ?').all(liteRun.runId) as M[]);
    expect(a.length).toBe(b.length);
    a.forEach((m, i) => {
      expect({ ...m, clv: 0, pAlive: 0 }).toEqual({ ...b[i], clv: 0, pAlive: 0 });
      expect(Math.abs(m.clv - b[i].clv)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b[i].clv)));
      expect(Math.abs((m.pAlive ?? -1) - (b[i].pAlive ?? -1))).toBeLessThanOrEqual(1e-9);
    });
    const accounts = new Map((await q.all<{ id: string; segment: string; clv: number; pAlive: number | null }>('SELECT "id", "segment", "clv", "pAlive" FROM "Account"')).map((x) => [x.id, x]));
    for (const m of a) expect(accounts.get(m.accountId)).toMatchObject({ segment: m.segment, clv: m.clv, pAlive: m.pAlive });
    const rules = (rows: { kind: string; antecedentKey: string; consequentKey: string }[]) => rows.map((r) => `${r.kind}:${r.antecedentKey}=>${r.consequentKey}`).sort();
    const pgRules = rules(await q.all('SELECT "kind"::text AS "kind", "antecedentKey", "consequentKey" FROM "MinedRule" WHERE "runId" = ?', pgRun.runId));
    expect(pgRules.length).toBeGreaterThan(0);
    expect(pgRules).toEqual(rules(lite.prepare('SELECT "kind", "antecedentKey", "consequentKey" FROM "MinedRule" WHERE "runId" = ?').all(liteRun.runId) as never));
  });

  it("writes values the app reads back through Prisma: dates, JSON, enums, booleans", async () => {
    const run = await t.db.scoringRun.findUniqueOrThrow({ where: { id: pgRun.runId } });
    expect(run).toMatchObject({ status: "COMPLETED", active: true, stage: "done", progress: 1 });
    expect(Math.abs(run.heartbeatAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect((run.counts as { opportunities: number }).opportunities).toBe(pgRun.counts.opportunities);
    const o = await t.db.opportunity.findFirstOrThrow({ where: { runId: pgRun.runId, holdout: true }, orderBy: { id: "asc" } });
    expect(o.status).toBe("OPEN");
    expect(typeof (o.reason as { probability: number }).probability).toBe("number");
    expect(Math.abs(o.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    const rule = await t.db.minedRule.findFirstOrThrow({ where: { runId: pgRun.runId } });
    expect(Array.isArray(rule.antecedentIds)).toBe(true);
    expect(rule.status).toBe("PENDING");
  });

  it("a second run carries worked offers over with their history, expires untouched ones and honours a new decline", async () => {
    const log = async (o: { id: string; version: number; accountId: string }, input: Partial<OutcomeInput> & { outcome: OutcomeInput["outcome"] }) => {
      const { logOutcome } = await import("@/lib/data/outcomes");
      const owner = await q.get<{ email: string }>('SELECT u."email" FROM "Account" a JOIN "User" u ON u."id" = a."ownerId" WHERE a."id" = ?', o.accountId);
      return logOutcome(t.actor(owner.email), outcomeSchema.parse({ idempotencyKey: randomUUID(), channel: "CALL", opportunityId: o.id, version: o.version, ...input }));
    };
    const opps = await q.all<{ id: string; version: number; accountId: string; productId: string; rank: number }>(
      'SELECT "id", "version", "accountId", "productId", "rank" FROM "Opportunity" WHERE "runId" = ? AND "holdout" = FALSE ORDER BY "accountId" COLLATE "C", "rank"', pgRun.runId);
    const [noAnswer, interested, declined] = [opps[0], opps.find((o) => o.accountId !== opps[0].accountId)!, opps.find((o) => o.accountId !== opps[0].accountId && o.rank === 2)!];
    await log(noAnswer, { outcome: "NO_ANSWER" });
    await log(interested, { outcome: "INTERESTED", followUpAt: new Date(Date.now() + 3 * 86_400_000) });
    await log(declined, { outcome: "NOT_INTERESTED", declineReason: "PRICE" });
    const untouched = opps.filter((o) => ![noAnswer.id, interested.id, declined.id].includes(o.id) && o.accountId !== declined.accountId);

    const second = await runScoring({ url: t.url });
    expect(await q.activeRunId()).toEqual([second.runId]);
    expect(second.activation).toMatchObject({ previousRunId: pgRun.runId, carriedOver: 2, duplicatesDropped: 2 });
    expect(await q.get('SELECT "runId", "status"::text AS "status", "attempts", "version" FROM "Opportunity" WHERE "id" = ?', noAnswer.id)).toMatchObject({
      runId: second.runId, status: "OPEN", attempts: 1, version: 2,
    });
    expect(await q.get('SELECT "runId", "status"::text AS "status" FROM "Opportunity" WHERE "id" = ?', interested.id)).toMatchObject({ runId: second.runId, status: "SNOOZED" });
    for (const w of [noAnswer, interested]) {
      expect((await q.get<{ n: number }>('SELECT COUNT(*) AS n FROM "Opportunity" WHERE "runId" = ? AND "accountId" = ? AND "productId" = ?', second.runId, w.accountId, w.productId)).n).toBe(1);
    }
    expect(await q.get('SELECT "runId", "status"::text AS "status" FROM "Opportunity" WHERE "id" = ?', declined.id)).toMatchObject({ runId: pgRun.runId, status: "LOST" });
    expect((await q.get<{ n: number }>('SELECT COUNT(*) AS n FROM "Opportunity" WHERE "runId" = ? AND "accountId" = ? AND "productId" = ?', second.runId, declined.accountId, declined.productId)).n).toBe(0);
    const statuses = await q.all<{ k: string }>(
      `SELECT DISTINCT "runId" || ':' || "status"::text AS k FROM "Opportunity" WHERE "id" = ANY(?::text[])`, untouched.map((o) => o.id));
    expect(statuses.map((s) => s.k)).toEqual([`${pgRun.runId}:EXPIRED`]);
    expect(second.activation.expired).toBe((await q.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "Opportunity" WHERE "runId" = ? AND "status" = 'EXPIRED'`, pgRun.runId)).n);
    // Unchanged data: the accounts keep their values, so the activation rewrites none of them.
    expect(second.activation.accountsUpdated).toBe(0);
  });
});
