// Integration (SQLite and PostgreSQL): the repurchase figures measured from a real database's order lines,
// stored and read back, as the admin's category page shows them beside each policy; and policy saves
// (first save of a category without a policy, optimistic conflicts naming who saved first, the repeated
// submit, the audit row with before and after, unknown categories, permissions).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import { categoryHistogram, repurchaseStats, utcDay } from "@/lib/analytics/repurchase";
import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";

let db: PrismaClient;
let url: string;
let cleanup: () => Promise<void>;
let actor: (email: string) => Actor;
let admin: Actor;
let policies: typeof import("@/lib/data/category-policies");
let repurchase: typeof import("@/lib/catalog/category-repurchase");
let stream: typeof import("@/lib/catalog/order-line-stream");

const CATEGORY = "Test gadgets";
const DAY = 86_400_000;
const at = (day: number, hour = 10) => new Date(day * DAY + hour * 3_600_000);
// Hand-computed: four buyers of the planted category.
//   acc0: days 100 and 130 (and a second line on day 100)  -> gap 30
//   acc1: days 100, 200, 700                               -> gaps 100, 500; shortest 100
//   acc2: day 300                                          -> no repeat
//   acc3: day 400, and a returned line (quantity 0) on 410  -> no repeat
// Buyers 4, repeat 2 (50%); within 60 days: acc0 = 25%; within 365: acc0, acc1 = 50%;
// gaps 30, 100, 500 -> median 100.
const PLANTED: [account: number, day: number, quantity: number][] = [[0, 100, 1], [0, 100, 2], [0, 130, 1], [1, 100, 1], [1, 200, 1], [1, 700, 1], [2, 300, 1], [3, 400, 1], [3, 410, 0]];

beforeAll(async () => {
  ({ db, url, cleanup, actor } = await createTestDatabase({ accounts: 30, seed: 7 }));
  policies = await import("@/lib/data/category-policies");
  repurchase = await import("@/lib/catalog/category-repurchase");
  stream = await import("@/lib/catalog/order-line-stream");
  admin = actor("admin@example.com");
  const accounts = await db.account.findMany({ orderBy: { id: "asc" }, take: 4, select: { id: true } });
  await db.product.createMany({
    data: [
      { id: "tg1", sku: "TG-1", name: "Gadget One", category: CATEGORY, priceCents: 1000, unitCostCents: 500 },
      { id: "tg2", sku: "TG-2", name: "Gadget Two", category: CATEGORY, priceCents: 2000, unitCostCents: 900 },
    ],
  });
  for (const [i, [a, day, quantity]] of PLANTED.entries()) {
    const orderedAt = at(day, 9 + i);
    const order = await db.order.create({ data: { orderNumber: `TG-${i}`, accountId: accounts[a].id, orderedAt, totalCents: 1000 } });
    await db.orderLine.create({ data: { orderId: order.id, accountId: accounts[a].id, orderedAt, productId: i % 2 ? "tg1" : "tg2", quantity, unitPriceCents: 1000 } });
  }
});

afterAll(async () => {
  await cleanup?.();
});

describe("category repurchase on the database", () => {
  it("measures the planted category as hand-computed, through the store's line stream", async () => {
    const measured = await stream.withOrderLineStream(url, null, (s) => repurchase.measureCategoryRepurchase(db, s));
    const h = measured.find((x) => x.category === CATEGORY)!;
    expect(h).toMatchObject({ buyers: 4, repeatBuyers: 2 });
    expect(Object.fromEntries(h.gaps)).toEqual({ 30: 1, 100: 1, 500: 1 });
    expect(repurchaseStats(h, 60)).toMatchObject({ repeatShare: 0.5, withinShare: 0.25, medianGapDays: 100 });
    expect(repurchaseStats(h, null)).toMatchObject({ windowDays: 365, withinShare: 0.5 });
  });

  it("agrees on every seeded category with the pure function fed the lines read through Prisma", async () => {
    const measured = await stream.withOrderLineStream(url, null, (s) => repurchase.measureCategoryRepurchase(db, s));
    const lines = await db.orderLine.findMany({ where: { quantity: { gt: 0 } }, select: { accountId: true, orderedAt: true, product: { select: { category: true } } } });
    const categories = [...new Set(lines.map((l) => l.product.category))];
    expect(categories.length).toBeGreaterThan(10);
    for (const c of categories) {
      const expected = categoryHistogram(c, lines.filter((l) => l.product.category === c).map((l) => ({ accountId: l.accountId, day: utcDay(l.orderedAt) })));
      expect(measured.find((x) => x.category === c)).toEqual(expected);
    }
    expect(await repurchase.measureCategoryRepurchaseWithPrisma(db)).toEqual(measured);
  });

  it("a stream bounded by an instant leaves later lines out", async () => {
    const measured = await stream.withOrderLineStream(url, at(650).getTime(), (s) => repurchase.measureCategoryRepurchase(db, s));
    expect(Object.fromEntries(measured.find((x) => x.category === CATEGORY)!.gaps)).toEqual({ 30: 1, 100: 1 });
  });

  it("refresh stores the figures; reading them back gives the same histograms; a second refresh replaces them", async () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const first = await stream.withOrderLineStream(url, null, (s) => repurchase.refreshCategoryRepurchase(db, s, now));
    const stored = await repurchase.readCategoryRepurchase(db);
    expect(stored?.computedAt.toISOString()).toBe(now.toISOString());
    expect(stored?.histograms).toEqual(first.histograms);
    await repurchase.storeCategoryRepurchase(db, first.histograms.filter((h) => h.category === CATEGORY), new Date("2026-12-02T00:00:00Z"));
    expect((await repurchase.readCategoryRepurchase(db))?.histograms.map((h) => h.category)).toEqual([CATEGORY]);
    await repurchase.storeCategoryRepurchase(db, first.histograms, now);
  });

  it("the scoring run's one call measures and stores through its own connection", async () => {
    const histograms = await stream.refreshCategoryRepurchaseForUrl(url, null, new Date("2026-12-01T12:00:00Z"));
    expect(histograms.find((h) => h.category === CATEGORY)).toMatchObject({ buyers: 4, repeatBuyers: 2 });
    expect((await repurchase.readCategoryRepurchase(db))?.histograms).toEqual(histograms);
  });
});

describe("listCategoryPolicies", () => {
  it("lists every product category with its policy or the default, the stored figures and the check", async () => {
    const page = await policies.listCategoryPolicies(admin);
    expect(page.measured).toEqual({ source: "stored", at: "2026-12-01T12:00:00.000Z" });
    const cameras = page.rows.find((r) => r.category === "Cameras")!;
    expect(cameras).toMatchObject({ hasPolicy: true, durability: "DURABLE", replacementCycleDays: 1095, version: 1 });
    const planted = page.rows.find((r) => r.category === CATEGORY)!;
    expect(planted).toMatchObject({ hasPolicy: false, durability: "REPLENISHED", replacementCycleDays: null, version: 0, products: 2, updatedBy: null });
    expect(planted.stats).toMatchObject({ buyers: 4, repeatBuyers: 2, windowDays: 365, withinShare: 0.5, medianGapDays: 100 });
    // Four buyers are too few to judge.
    expect(planted.check).toEqual({ kind: "too-few-buyers", buyers: 4 });
  });

  it("is refused to a rep and a manager", async () => {
    await expect(policies.listCategoryPolicies(actor("ava@example.com"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(policies.listCategoryPolicies(actor("nina.manager@example.com"))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("updateCategoryPolicy", () => {
  it("creates the first policy of a category, then updates it, each with its audit row (before and after)", async () => {
    const created = await policies.updateCategoryPolicy(admin, { category: CATEGORY, version: 0, durability: "DURABLE", replacementCycleDays: 730 });
    expect(created).toEqual({ category: CATEGORY, version: 1, durability: "DURABLE", replacementCycleDays: 730 });
    const a1 = await db.auditLog.findFirstOrThrow({ where: { action: "category-policy.create", entityId: CATEGORY } });
    expect(a1.userId).toBe(admin.id);
    expect(a1.details).toMatchObject({ version: 1, before: { durability: "REPLENISHED", replacementCycleDays: null, default: true }, after: { durability: "DURABLE", replacementCycleDays: 730 } });

    const updated = await policies.updateCategoryPolicy(admin, { category: CATEGORY, version: 1, durability: "REPLENISHED", replacementCycleDays: 90 });
    expect(updated.version).toBe(2);
    const a2 = await db.auditLog.findFirstOrThrow({ where: { action: "category-policy.update", entityId: CATEGORY } });
    expect(a2.details).toMatchObject({ version: 2, before: { durability: "DURABLE", replacementCycleDays: 730 }, after: { durability: "REPLENISHED", replacementCycleDays: 90 } });
    const row = await db.categoryPolicy.findUniqueOrThrow({ where: { category: CATEGORY } });
    expect(row).toMatchObject({ durability: "REPLENISHED", replacementCycleDays: 90, version: 2, updatedById: admin.id });

    const listed = (await policies.listCategoryPolicies(admin)).rows.find((r) => r.category === CATEGORY)!;
    expect(listed).toMatchObject({ hasPolicy: true, version: 2, updatedBy: "Alex Morgan" });
    // The within-cycle share follows the saved cycle: within 90 days only acc0 (gap 30) = 1 of 4.
    expect(listed.stats).toMatchObject({ windowDays: 90, withinShare: 0.25 });
  });

  it("answers a repeated submit with the save it made, and refuses a stale version naming who saved first", async () => {
    const before = await db.categoryPolicy.findUniqueOrThrow({ where: { category: CATEGORY } });
    const again = await policies.updateCategoryPolicy(admin, { category: CATEGORY, version: before.version - 1, durability: "REPLENISHED", replacementCycleDays: 90 });
    expect(again.version).toBe(before.version);
    const audits = await db.auditLog.count({ where: { entityType: "CategoryPolicy", entityId: CATEGORY } });
    // Someone else's edit from the same old version, and a first save of a category that has one by now.
    await expect(policies.updateCategoryPolicy(admin, { category: CATEGORY, version: before.version - 1, durability: "DURABLE", replacementCycleDays: 365 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Alex Morgan saved the policy of Test gadgets"),
    });
    await expect(policies.updateCategoryPolicy(admin, { category: CATEGORY, version: 0, durability: "DURABLE", replacementCycleDays: 365 })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.categoryPolicy.findUniqueOrThrow({ where: { category: CATEGORY } })).toMatchObject({ version: before.version, durability: "REPLENISHED" });
    expect(await db.auditLog.count({ where: { entityType: "CategoryPolicy", entityId: CATEGORY } })).toBe(audits);
  });

  it("a category no product has is not found; a rep cannot save", async () => {
    await expect(policies.updateCategoryPolicy(admin, { category: "No such category", version: 0, durability: "DURABLE", replacementCycleDays: 365 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.categoryPolicy.findUnique({ where: { category: "No such category" } })).toBeNull();
    await expect(policies.updateCategoryPolicy(actor("ava@example.com"), { category: "Cameras", version: 1, durability: "REPLENISHED", replacementCycleDays: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.categoryPolicy.findUniqueOrThrow({ where: { category: "Cameras" } })).toMatchObject({ durability: "DURABLE", version: 1 });
  });
});
