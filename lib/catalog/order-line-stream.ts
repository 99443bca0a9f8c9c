/**
 * The scoring stores' sequential pass over the order lines, for callers outside a scoring run (the CLI,
 * benchmarks, tests) that measure category repurchase: opens the store for the URL, streams, closes.
 * Not for the web app: it opens its own connection to the database.
 */
import { databaseProvider, sqliteFilePath } from "@/lib/db-url";
import { createPostgresStore } from "@/lib/scoring/postgres-store";
import { createSqliteStore } from "@/lib/scoring/sqlite-store";
import type { RepurchaseHistogram } from "@/lib/analytics/repurchase";
import { refreshCategoryRepurchase, type OrderLineStream } from "./category-repurchase";

export async function withOrderLineStream<T>(url: string, beforeMs: number | null, run: (stream: OrderLineStream) => Promise<T>): Promise<T> {
  const store = databaseProvider(url) === "postgresql" ? createPostgresStore(url) : createSqliteStore(sqliteFilePath(url)!);
  try {
    return await run((sink) => store.forEachOrderLine(sink, beforeMs));
  } finally {
    await store.close();
  }
}

/**
 * One call for the scoring run, after activation (beside refreshAfterScoring): measures the category
 * repurchase figures over the lines before `beforeMs` (all when null) and stores them for the admin's
 * category page. About 6-10 s at 2M order lines on the shared 2-core machine (its own pass over the
 * lines); a run that feeds a RepurchaseAccumulator from its own pass can call storeCategoryRepurchase().
 */
export async function refreshCategoryRepurchaseForUrl(url: string, beforeMs: number | null = null, now: Date = new Date()): Promise<RepurchaseHistogram[]> {
  const { createPrismaClient } = await import("@/lib/prisma-client");
  const db = createPrismaClient(url);
  try {
    return (await withOrderLineStream(url, beforeMs, (stream) => refreshCategoryRepurchase(db, stream, now))).histograms;
  } finally {
    await db.$disconnect();
  }
}
