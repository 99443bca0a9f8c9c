// `npx tsx scripts/category-repurchase.ts [--windows 180,365] [--no-store]`: measures how often each
// product category is bought again (lib/analytics/repurchase.ts) on DATABASE_URL, stores the figures the
// admin's category page shows (unless --no-store), and prints them with each category's policy.
import { repurchaseStats, type RepurchaseHistogram } from "../lib/analytics/repurchase";
import { measureCategoryRepurchase, storeCategoryRepurchase } from "../lib/catalog/category-repurchase";
import { withOrderLineStream } from "../lib/catalog/order-line-stream";
import { databaseUrl } from "../lib/db-url";
import { createPrismaClient } from "../lib/prisma-client";

const pct = (x: number | null) => (x === null ? "-" : `${(100 * x).toFixed(1)}%`);

async function main() {
  const args = process.argv.slice(2);
  const w = args.indexOf("--windows");
  const windows = (w >= 0 ? args[w + 1] : "180,365").split(",").map(Number);
  const url = databaseUrl();
  const db = createPrismaClient(url);
  try {
    const t = performance.now();
    const histograms: RepurchaseHistogram[] = await withOrderLineStream(url, null, (stream) => measureCategoryRepurchase(db, stream));
    const ms = performance.now() - t;
    if (!args.includes("--no-store")) await storeCategoryRepurchase(db, histograms);
    const policies = new Map((await db.categoryPolicy.findMany()).map((p) => [p.category, p]));
    const rows = histograms.map((h) => {
      const p = policies.get(h.category);
      const cycle = repurchaseStats(h, p?.replacementCycleDays ?? null);
      const row: Record<string, string | number> = {
        category: h.category, durability: p?.durability ?? "(default)", cycle: p?.replacementCycleDays ?? "-", buyers: h.buyers, again: pct(cycle.repeatShare),
      };
      for (const d of windows) row[`within ${d} d`] = pct(repurchaseStats(h, d).withinShare);
      row["within cycle"] = pct(cycle.withinShare);
      row["median gap"] = cycle.medianGapDays ?? "-";
      return row;
    });
    rows.sort((a, b) => String(a.durability).localeCompare(String(b.durability)) || String(a.category).localeCompare(String(b.category)));
    console.table(rows);
    console.log(`measured in ${(ms / 1000).toFixed(1)} s`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
