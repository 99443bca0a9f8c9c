/**
 * The repurchase histograms of lib/analytics/repurchase.ts measured on a database's order lines, and
 * their stored copy (CategoryRepurchase + CategoryRepurchaseGap) that the admin's category page reads.
 *
 * Why stored (measured at 100,000 accounts, 2.03M order lines, load average 3.5-4.7): reading the lines
 * through Prisma takes 18 s; one sequential pass with a scoring store's line stream 6-10 s; reading the
 * stored copy well under 100 ms. So the scoring run refreshes it once per run: by feeding a
 * RepurchaseAccumulator from the pass over the lines it already makes and handing the result to
 * storeCategoryRepurchase() (no extra read), or with refreshCategoryRepurchase() and its own pass.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { RepurchaseAccumulator, utcDay, type RepurchaseHistogram } from "@/lib/analytics/repurchase";

/** The scoring stores' order-line stream: (orderId, accountId, orderedAtMs, productId, quantity, ...). */
export type OrderLineStream = (sink: (orderId: string, accountId: string, orderedAtMs: number, productId: string, quantity: number) => void) => Promise<number>;

/** An accumulator over the catalog's products and categories (every category is reported, bought or not). */
export async function repurchaseAccumulator(db: PrismaClient): Promise<RepurchaseAccumulator> {
  const products = await db.product.findMany({ select: { id: true, category: true } });
  return new RepurchaseAccumulator(products.map((p) => [p.id, p.category] as const));
}

/** Feeds one order line; returned lines (a quantity of 0 or less) are not purchases. */
export function addOrderLine(acc: RepurchaseAccumulator, accountId: string, orderedAtMs: number, productId: string, quantity: number): void {
  if (quantity > 0) acc.add(accountId, productId, utcDay(orderedAtMs));
}

/** Measures every category from the lines a stream passes (e.g. `(sink) => store.forEachOrderLine(sink, asOfMs)`). */
export async function measureCategoryRepurchase(db: PrismaClient, stream: OrderLineStream): Promise<RepurchaseHistogram[]> {
  const acc = await repurchaseAccumulator(db);
  await stream((_order, accountId, orderedAtMs, productId, quantity) => addOrderLine(acc, accountId, orderedAtMs, productId, quantity));
  return acc.histograms();
}

/**
 * Through Prisma, for small histories only (about 9 us a line: 2 s at 200,000 lines, 18 s at 2 million):
 * the admin page measures on opening when nothing is stored yet and the history is at most this long.
 */
export const MEASURE_ON_DEMAND_MAX_LINES = 250_000;

export async function measureCategoryRepurchaseWithPrisma(db: PrismaClient): Promise<RepurchaseHistogram[]> {
  const acc = await repurchaseAccumulator(db);
  const rows = await db.orderLine.findMany({ where: { quantity: { gt: 0 } }, select: { accountId: true, orderedAt: true, productId: true } });
  for (const r of rows) acc.add(r.accountId, r.productId, utcDay(r.orderedAt));
  return acc.histograms();
}

/** Replaces the stored figures in one transaction: readers see the old set or the new one, never a mix. */
export async function storeCategoryRepurchase(db: PrismaClient, histograms: readonly RepurchaseHistogram[], computedAt: Date = new Date()): Promise<void> {
  const summary = histograms.map((h) => ({ category: h.category, buyers: h.buyers, repeatBuyers: h.repeatBuyers, computedAt }));
  // One row per (category, gap length): at most the longest gap (the history's length in days) per category.
  const gaps = histograms.flatMap((h) => {
    const lengths = new Set([...h.gaps.keys(), ...h.shortestGaps.keys()]);
    return [...lengths].map((gapDays) => ({ category: h.category, gapDays, gaps: h.gaps.get(gapDays) ?? 0, shortestGapBuyers: h.shortestGaps.get(gapDays) ?? 0 }));
  });
  await db.$transaction(
    async (tx) => {
      await tx.categoryRepurchaseGap.deleteMany({});
      await tx.categoryRepurchase.deleteMany({});
      await tx.categoryRepurchase.createMany({ data: summary });
      // Chunks keep each statement well under PostgreSQL's 65,535 bind parameters.
      for (let i = 0; i < gaps.length; i += 5_000) await tx.categoryRepurchaseGap.createMany({ data: gaps.slice(i, i + 5_000) });
    },
    { maxWait: 15_000, timeout: 60_000 },
  );
}

/**
 * Measures and stores; returns what it stored. For the scoring run (after activation) and the CLI; pass
 * the store's stream, e.g. `(sink) => store.forEachOrderLine(sink, null)`.
 */
export async function refreshCategoryRepurchase(db: PrismaClient, stream: OrderLineStream, now: Date = new Date()): Promise<{ histograms: RepurchaseHistogram[]; computedAt: Date }> {
  const histograms = await measureCategoryRepurchase(db, stream);
  await storeCategoryRepurchase(db, histograms, now);
  return { histograms, computedAt: now };
}

/** The stored figures as histograms, or null when they were never measured. */
export async function readCategoryRepurchase(db: PrismaClient): Promise<{ histograms: RepurchaseHistogram[]; computedAt: Date } | null> {
  const [summary, gaps] = await Promise.all([
    db.categoryRepurchase.findMany({ select: { category: true, buyers: true, repeatBuyers: true, computedAt: true } }),
    db.categoryRepurchaseGap.findMany({ select: { category: true, gapDays: true, gaps: true, shortestGapBuyers: true } }),
  ]);
  if (summary.length === 0) return null;
  const byCategory = new Map<string, RepurchaseHistogram>(
    summary.map((s) => [s.category, { category: s.category, buyers: s.buyers, repeatBuyers: s.repeatBuyers, gaps: new Map(), shortestGaps: new Map() }]),
  );
  for (const g of gaps) {
    const h = byCategory.get(g.category);
    if (!h) continue;
    if (g.gaps) h.gaps.set(g.gapDays, g.gaps);
    if (g.shortestGapBuyers) h.shortestGaps.set(g.gapDays, g.shortestGapBuyers);
  }
  const computedAt = summary.reduce((m, s) => (s.computedAt > m ? s.computedAt : m), summary[0].computedAt);
  return { histograms: [...byCategory.values()].sort((x, y) => x.category.localeCompare(y.category)), computedAt };
}
