// Integration: pair saves on a real database (SQLite and PostgreSQL): versions with before/after and
// who, optimistic conflicts, restore as a new version, and every catalog check as a field error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import { pairListSchema } from "@/lib/validations/pairs";
import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";

let db: PrismaClient;
let cleanup: () => Promise<void>;
let actor: (email: string) => Actor;
let pairs: typeof import("@/lib/data/pairs-write");
let reads: typeof import("@/lib/data/pairs");
let admin: Actor;
let products: { id: string; name: string }[];

beforeAll(async () => {
  ({ db, cleanup, actor } = await createTestDatabase({ accounts: 20, seed: 5 }));
  pairs = await import("@/lib/data/pairs-write");
  reads = await import("@/lib/data/pairs");
  admin = actor("admin@example.com");
  // Products of no seeded pair in either direction, so each test pairs them freely.
  const paired = await db.productPair.findMany({ select: { sourceProductId: true, targetProductId: true } });
  const used = new Set(paired.flatMap((p) => [p.sourceProductId, p.targetProductId]));
  products = (await db.product.findMany({ where: { active: true }, orderBy: { id: "asc" }, select: { id: true, name: true } })).filter((p) => !used.has(p.id));
  expect(products.length).toBeGreaterThan(12);
});

afterAll(async () => {
  await cleanup?.();
});

let next = 0;
const two = () => {
  const [a, b] = [products[next], products[next + 1]];
  next += 2;
  return [a, b] as const;
};
const fields = (source: string, target: string) => ({
  sourceProductId: source,
  targetProductId: target,
  type: "CROSS_SELL" as const,
  bundleDiscountPct: null,
  windowMinDays: 7,
  windowMaxDays: 60,
  eligibleSegments: ["Loyal"] as ("Loyal")[],
  talkingPoints: "{{account.name}} bought {{source.product}}",
  objectionHandling: "{{target.product}} is {{price}}",
});

describe("pair versions", () => {
  it("creates version 1, keeps each save's before and after with who made it, and audits both", async () => {
    const [a, b] = two();
    const created = await pairs.createPair(admin, { ...fields(a.id, b.id), active: true });
    expect(created.version).toBe(1);
    const saved = await pairs.updatePair(admin, { id: created.id, version: 1, ...fields(a.id, b.id), windowMaxDays: 45, talkingPoints: "Hi {{contact.name}}" });
    expect(saved.version).toBe(2);
    const versions = await db.productPairVersion.findMany({ where: { pairId: created.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.action, v.userName])).toEqual([[1, "create", "Alex Morgan"], [2, "update", "Alex Morgan"]]);
    expect(versions[1].before).toMatchObject({ windowMaxDays: 60, talkingPoints: "{{account.name}} bought {{source.product}}" });
    expect(versions[1].after).toMatchObject({ windowMaxDays: 45, talkingPoints: "Hi {{contact.name}}" });
    const auditRow = await db.auditLog.findFirstOrThrow({ where: { action: "pair.update", entityId: created.id } });
    expect(auditRow.userId).toBe(admin.id);
    expect(auditRow.details).toMatchObject({ version: 2, before: { windowMaxDays: 60 }, after: { windowMaxDays: 45 } });

    const detail = await reads.getPair(admin, created.id);
    expect(detail.versions[0]).toMatchObject({ version: 2, by: "Alex Morgan" });
    expect(detail.versions[0].changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ["Window to (days)", "60", "45"],
      ["Talking points", "{{account.name}} bought {{source.product}}", "Hi {{contact.name}}"],
    ]);
  });

  it("refuses a stale version with CONFLICT and changes nothing; the same submit repeated is answered once", async () => {
    const [a, b] = two();
    const { id } = await pairs.createPair(admin, { ...fields(a.id, b.id), active: true });
    const first = await pairs.updatePair(admin, { id, version: 1, ...fields(a.id, b.id), windowMinDays: 3 });
    // The same submit again (a double click) answers with the save it made.
    expect(await pairs.updatePair(admin, { id, version: 1, ...fields(a.id, b.id), windowMinDays: 3 })).toEqual(first);
    // A different edit from the old version is a conflict.
    await expect(pairs.updatePair(admin, { id, version: 1, ...fields(a.id, b.id), windowMinDays: 9 })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Alex Morgan saved this pair/) });
    const row = await db.productPair.findUniqueOrThrow({ where: { id } });
    expect([row.version, row.windowMinDays]).toEqual([2, 3]);
    expect(await db.productPairVersion.count({ where: { pairId: id } })).toBe(2);
  });

  it("restores an old version as a new one and keeps the history in between", async () => {
    const [a, b] = two();
    const { id } = await pairs.createPair(admin, { ...fields(a.id, b.id), active: true });
    await pairs.updatePair(admin, { id, version: 1, ...fields(a.id, b.id), windowMaxDays: 20 });
    await pairs.setPairActive(admin, { id, version: 2, active: false });
    const restored = await pairs.restorePairVersion(admin, { id, version: 3, restoreVersion: 1 });
    expect(restored).toEqual({ id, version: 4, active: true });
    const row = await db.productPair.findUniqueOrThrow({ where: { id } });
    expect([row.windowMaxDays, row.active]).toEqual([60, true]);
    const actions = (await db.productPairVersion.findMany({ where: { pairId: id }, orderBy: { version: "asc" } })).map((v) => v.action);
    expect(actions).toEqual(["create", "update", "deactivate", "restore"]);
    await expect(pairs.restorePairVersion(admin, { id, version: 4, restoreVersion: 99 })).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { restoreVersion: "No such version" } });
  });

  it("is not found for a manager or a rep, and writes nothing", async () => {
    const [a, b] = two();
    for (const who of ["nina.manager@example.com", "ava@example.com"]) {
      await expect(pairs.createPair(actor(who), { ...fields(a.id, b.id), active: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await db.productPair.count({ where: { sourceProductId: a.id, targetProductId: b.id } })).toBe(0);
  });
});

describe("catalog checks on save", () => {
  const fieldError = async (p: Promise<unknown>, field: string, pattern: RegExp) => {
    const e = (await p.then(() => null, (x: unknown) => x)) as { code?: string; fieldErrors?: Record<string, string> } | null;
    expect(e?.code).toBe("INVALID_INPUT");
    expect(e?.fieldErrors?.[field]).toMatch(pattern);
  };

  it("refuses a duplicate (source, target), also when an edit would create one", async () => {
    const [a, b] = two();
    const [c] = two();
    await pairs.createPair(admin, { ...fields(a.id, b.id), active: true });
    await fieldError(pairs.createPair(admin, { ...fields(a.id, b.id), active: true }), "targetProductId", /already paired/);
    const other = await pairs.createPair(admin, { ...fields(a.id, c.id), active: true });
    await fieldError(pairs.updatePair(admin, { id: other.id, version: 1, ...fields(a.id, b.id) }), "targetProductId", /already paired/);
    expect((await db.productPair.findUniqueOrThrow({ where: { id: other.id } })).version).toBe(1);
  });

  it("refuses an inactive source or target for an active pair, names the product, and allows it saved inactive", async () => {
    const [a, b] = two();
    await db.product.update({ where: { id: b.id }, data: { active: false } });
    await fieldError(pairs.createPair(admin, { ...fields(a.id, b.id), active: true }), "targetProductId", new RegExp(`${b.name} is inactive`));
    const saved = await pairs.createPair(admin, { ...fields(a.id, b.id), active: false });
    await fieldError(pairs.setPairActive(admin, { id: saved.id, version: 1, active: true }), "targetProductId", /inactive/);
    expect((await db.productPair.findUniqueOrThrow({ where: { id: saved.id } })).active).toBe(false);
  });

  it("refuses an upsell cycle A -> B -> A but not a cross-sell back", async () => {
    const [a, b] = two();
    await pairs.createPair(admin, { ...fields(a.id, b.id), type: "UPSELL", active: true });
    await fieldError(pairs.createPair(admin, { ...fields(b.id, a.id), type: "UPSELL", active: true }), "type", /cycle/);
    await expect(pairs.createPair(admin, { ...fields(b.id, a.id), active: true })).resolves.toMatchObject({ version: 1 });
  });

  it("refuses a self pair, window min > max, a bundle without a discount and unknown placeholders", async () => {
    const [a, b] = two();
    await fieldError(pairs.createPair(admin, { ...fields(a.id, a.id), active: true }), "targetProductId", /itself/);
    await fieldError(pairs.createPair(admin, { ...fields(a.id, b.id), windowMinDays: 90, windowMaxDays: 30, active: true }), "windowMaxDays", /ends before it starts/);
    await fieldError(pairs.createPair(admin, { ...fields(a.id, b.id), type: "BUNDLE", active: true }), "bundleDiscountPct", /discount/);
    await fieldError(pairs.createPair(admin, { ...fields(a.id, b.id), talkingPoints: "Hi {{acount.name}}", active: true }), "talkingPoints", /\{\{acount\.name\}\}.*Allowed: \{\{account\.name\}\}/);
    expect(await db.productPair.count({ where: { sourceProductId: a.id } })).toBe(0);
  });
});

describe("pair list", () => {
  it("filters by type, origin and search and counts opportunities and won per pair", async () => {
    const page = await reads.listPairs(admin, pairListSchema.parse({ type: "UPSELL" }));
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.type === "UPSELL")).toBe(true);
    const some = page.rows[0];
    const search = await reads.listPairs(admin, pairListSchema.parse({ q: some.source.name.slice(0, 6).toUpperCase() }));
    expect(search.rows.some((r) => r.id === some.id)).toBe(true);
    // Counts come from the opportunities pointing at the pair.
    const run = await db.scoringRun.create({ data: { status: "COMPLETED", parameters: {} } });
    const account = await db.account.findFirstOrThrow({ select: { id: true, ownerId: true } });
    for (const status of ["OPEN", "WON", "WON", "LOST"] as const) {
      await db.opportunity.create({
        data: { runId: run.id, accountId: account.id, productId: some.target.id, pairId: some.id, assigneeId: account.ownerId, status, probability: 0.1, expectedValue: 1, reason: {}, reasonText: "", rank: 1 },
      });
    }
    const counted = (await reads.listPairs(admin, pairListSchema.parse({ type: "UPSELL" }))).rows.find((r) => r.id === some.id);
    expect(counted).toMatchObject({ opportunities: 4, open: 1, won: 2 });
  });
});
