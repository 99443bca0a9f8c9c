// Integration: reviewing mined rules on a real database: approving makes a mined pair with a snapshot
// of the rule's statistics, rejecting keeps the rule out of later runs' review list and out of the
// scoring run's candidates, bulk decisions are all or nothing, and products deactivate with their offers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import { productListSchema } from "@/lib/validations/products";
import { ruleListSchema } from "@/lib/validations/rules";
import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";

let db: PrismaClient;
let cleanup: () => Promise<void>;
let actor: (email: string) => Actor;
let rules: typeof import("@/lib/data/rules");
let decide: typeof import("@/lib/data/rules-write");
let productsData: typeof import("@/lib/data/products");
let admin: Actor;
let free: { id: string; name: string }[];
let runId: string;

const LIST = ruleListSchema.parse({});

async function addRule(run: string, a: string, b: string, lift: number) {
  return db.minedRule.create({
    data: {
      runId: run, kind: "SEQUENCE", antecedentKey: a, consequentKey: b, antecedentIds: [a], consequentIds: [b], support: 0.01, confidence: 0.3, lift,
      leverage: 0.002, conviction: 1.4, count: 40, antecedentCount: 130, windowDays: 45, medianLagDays: 12,
    },
  });
}

beforeAll(async () => {
  ({ db, cleanup, actor } = await createTestDatabase({ accounts: 20, seed: 6 }));
  rules = await import("@/lib/data/rules");
  decide = await import("@/lib/data/rules-write");
  productsData = await import("@/lib/data/products");
  admin = actor("admin@example.com");
  const paired = await db.productPair.findMany({ select: { sourceProductId: true, targetProductId: true } });
  const used = new Set(paired.flatMap((p) => [p.sourceProductId, p.targetProductId]));
  free = (await db.product.findMany({ where: { active: true }, orderBy: { id: "asc" }, select: { id: true, name: true } })).filter((p) => !used.has(p.id));
  runId = (await db.scoringRun.create({ data: { status: "COMPLETED", active: true, parameters: {} } })).id;
});

afterAll(async () => {
  await cleanup?.();
});

describe("approving a rule", () => {
  it("creates a mined pair with the rule's statistics and shows it on the rule; approving again changes nothing", async () => {
    const [a, b] = free;
    const rule = await addRule(runId, a.id, b.id, 4.2);
    const { pairId } = await decide.approveRule(admin, { ruleId: rule.id, type: "ACCESSORY", bundleDiscountPct: null });
    const pair = await db.productPair.findUniqueOrThrow({ where: { id: pairId } });
    expect(pair).toMatchObject({ origin: "MINED", type: "ACCESSORY", minedRuleId: rule.id, sourceProductId: a.id, targetProductId: b.id, windowMinDays: 0, windowMaxDays: 45, version: 1 });
    expect(pair.minedRuleSnapshot).toMatchObject({ lift: 4.2, confidence: 0.3, support: 0.01, leverage: 0.002, conviction: 1.4, count: 40, antecedentCount: 130, kind: "SEQUENCE" });
    expect(await db.productPairVersion.count({ where: { pairId, action: "approve" } })).toBe(1);
    expect(await decide.approveRule(admin, { ruleId: rule.id, type: "ACCESSORY", bundleDiscountPct: null })).toEqual({ pairId, replayed: true });
    expect(await db.productPair.count({ where: { sourceProductId: a.id, targetProductId: b.id } })).toBe(1);
    const view = (await rules.listRules(admin, { ...LIST })).rows.find((r) => r.id === rule.id);
    expect(view).toMatchObject({ status: "ACCEPTED", pair: { id: pairId, active: true } });
    // The approval's audit row (with the rule's statistics) keeps the tamper-evidence chain intact.
    const { verifyAuditChain } = await import("@/lib/audit/chain");
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("is refused for reps and managers", async () => {
    const rule = await addRule(runId, free[2].id, free[3].id, 2);
    for (const who of ["ava@example.com", "nina.manager@example.com"]) {
      await expect(decide.approveRule(actor(who), { ruleId: rule.id, type: "CROSS_SELL", bundleDiscountPct: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(rules.listRules(actor(who), { ...LIST })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});

describe("rejecting a rule", () => {
  it("keeps it out of the review list of this run and of the next one, with its reason on request", async () => {
    const [, , c, d] = free;
    const rule = await addRule(runId, c.id, d.id, 3.3);
    expect((await rules.listRules(admin, { ...LIST })).rows[0]).toMatchObject({ id: rule.id, status: "PENDING" });
    await decide.rejectRule(admin, { ruleId: rule.id, reason: "Seasonal coincidence" });
    expect((await rules.listRules(admin, { ...LIST })).rows.some((r) => r.id === rule.id)).toBe(false);

    // The next run mines the same rule again: it is already rejected there.
    await db.scoringRun.update({ where: { id: runId }, data: { active: false } });
    const nextRun = (await db.scoringRun.create({ data: { status: "COMPLETED", active: true, parameters: {} } })).id;
    const again = await addRule(nextRun, c.id, d.id, 3.1);
    const page = await rules.listRules(admin, { ...LIST });
    expect(page.rows.some((r) => r.id === again.id)).toBe(false);
    expect(page.counts.REJECTED).toBe(1);
    const rejected = await rules.listRules(admin, ruleListSchema.parse({ status: "REJECTED" }));
    expect(rejected.rows).toEqual([expect.objectContaining({ id: again.id, status: "REJECTED", rejectionReason: "Seasonal coincidence" })]);
    const auditRow = await db.auditLog.findFirstOrThrow({ where: { action: "rule.reject", entityId: rule.id } });
    expect(auditRow.details).toMatchObject({ after: { status: "REJECTED", reason: "Seasonal coincidence" } });
    await db.scoringRun.update({ where: { id: nextRun }, data: { active: false } });
    await db.scoringRun.update({ where: { id: runId }, data: { active: true } });
  });

  it("reaches the scoring run's inputs as a suppressed pair, so the rule's target is not recommended from its source", async () => {
    const { readInputs } = await import("@/lib/scoring/sqlite-reader");
    const { readInputs: readPg } = await import("@/lib/scoring/postgres-reader");
    const [, , c, d] = free;
    let pairsIn: { sourceProductId: string; targetProductId: string; active: boolean; suppressed: boolean }[];
    if (process.env.DATABASE_URL!.startsWith("file:")) {
      const Database = (await import("better-sqlite3")).default;
      const raw = new Database(process.env.DATABASE_URL!.slice("file:".length), { readonly: true });
      try {
        pairsIn = readInputs(raw).pairs;
      } finally {
        raw.close();
      }
    } else {
      const pg = (await import("pg")).default;
      const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
      try {
        pairsIn = (await readPg(pool as never)).pairs;
      } finally {
        await pool.end();
      }
    }
    expect(pairsIn.filter((p) => p.sourceProductId === c.id && p.targetProductId === d.id)).toEqual([
      expect.objectContaining({ active: false, suppressed: true }),
    ]);
  });

  it("refuses to reject a rule whose pair is in the catalog", async () => {
    const [a, b] = free;
    const rule = await addRule(runId, a.id, b.id, 2.5);
    await expect(decide.rejectRule(admin, { ruleId: rule.id, reason: "not now" })).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { ruleId: expect.stringMatching(/deactivate the pair/) } });
  });
});

describe("a rule that does not exist", () => {
  it("is not found for approve, reject and bulk, and the denial is audited (outside the write transaction)", async () => {
    const before = await db.auditLog.count({ where: { action: "access.denied" } });
    await expect(decide.approveRule(admin, { ruleId: "no_such_rule", type: "CROSS_SELL", bundleDiscountPct: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(decide.rejectRule(admin, { ruleId: "no_such_rule", reason: "probe" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(decide.decideRules(admin, { decision: "reject", ruleIds: ["no_such_rule"], reason: "probe" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.auditLog.count({ where: { action: "access.denied" } })).toBeGreaterThan(before);
  });
});

describe("bulk decisions", () => {
  it("approves all or none, naming the refused row", async () => {
    const [e, f, g] = free.slice(4, 7);
    const ok = await addRule(runId, e.id, f.id, 2.2);
    const self = await addRule(runId, g.id, g.id, 2.1);
    await expect(decide.decideRules(admin, { decision: "approve", ruleIds: [ok.id, self.id], type: "CROSS_SELL" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { ruleIds: expect.stringMatching(/^rule 2 of 2: .*itself/) },
    });
    expect(await db.productPair.count({ where: { sourceProductId: e.id, targetProductId: f.id } })).toBe(0);
    await expect(decide.decideRules(admin, { decision: "reject", ruleIds: [ok.id, self.id], reason: "Not a real pattern" })).resolves.toEqual({ decided: 2 });
    expect(await db.ruleDecision.count({ where: { status: "REJECTED", antecedentKey: { in: [e.id, g.id] } } })).toBe(2);
  });
});

describe("products", () => {
  it("deactivating suppresses the product's open offers in the same save, audited with the count; a stale version conflicts", async () => {
    const product = free[8];
    const account = await db.account.findFirstOrThrow({ select: { id: true, ownerId: true } });
    for (const status of ["OPEN", "SNOOZED", "WON"] as const) {
      await db.opportunity.create({
        data: { runId, accountId: account.id, productId: product.id, assigneeId: account.ownerId, status, probability: 0.2, expectedValue: 3, reason: {}, reasonText: "", rank: 1 },
      });
    }
    const row = await db.product.findUniqueOrThrow({ where: { id: product.id } });
    const listed = (await productsData.listProducts(admin, productListSchema.parse({ q: row.sku }))).rows[0];
    expect(listed).toMatchObject({ id: product.id, openOffers: 2, margin: (row.priceCents - row.unitCostCents) / 100 });
    const input = { id: product.id, version: row.version, price: row.priceCents / 100, unitCost: row.unitCostCents / 100, category: row.category, regulated: row.regulated, active: false };
    const saved = await productsData.updateProduct(admin, input);
    expect(saved.suppressed).toBe(2);
    expect(await db.opportunity.count({ where: { productId: product.id, status: "SUPPRESSED" } })).toBe(2);
    expect(await db.opportunity.count({ where: { productId: product.id, status: "WON" } })).toBe(1);
    const auditRow = await db.auditLog.findFirstOrThrow({ where: { action: "product.deactivate", entityId: product.id } });
    expect(auditRow.details).toMatchObject({ before: { active: true }, after: { active: false }, suppressedOffers: 2 });
    await expect(productsData.updateProduct(admin, { ...input, active: true })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(productsData.updateProduct(actor("nina.manager@example.com"), { ...input, version: row.version + 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
