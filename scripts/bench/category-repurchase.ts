// Times the category repurchase figures on a database (BENCH_DATABASE_URL, default data/bench-100000.db):
// measuring them from the order lines (on demand), refreshing the stored copy, and reading it back.
// `npx tsx scripts/bench/category-repurchase.ts [runs]`; prints medians, asserts nothing.
import { repurchaseStats } from "../../lib/analytics/repurchase";
import { measureCategoryRepurchase, readCategoryRepurchase, refreshCategoryRepurchase } from "../../lib/catalog/category-repurchase";
import { withOrderLineStream } from "../../lib/catalog/order-line-stream";
import { createPrismaClient } from "../../lib/prisma-client";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(label: string, runs: number, f: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  console.log(`${label}: p50 ${median(ms).toFixed(0)} ms (runs: ${ms.map((x) => x.toFixed(0)).join(", ")})`);
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL ?? "file:./data/bench-100000.db";
  const runs = Number(process.argv[2] ?? 5);
  const db = createPrismaClient(url);
  try {
    console.log(`${url}: ${await db.orderLine.count()} order lines; load average ${(await import("node:os")).loadavg().map((x) => x.toFixed(2)).join(" ")}`);
    const mem = () => `${Math.round(process.memoryUsage().rss / 1e6)} MB RSS`;
    await time("measure from the order lines (one pass)", Math.min(runs, 3), () => withOrderLineStream(url, null, (stream) => measureCategoryRepurchase(db, stream)));
    await time("refreshCategoryRepurchase", Math.min(runs, 3), () => withOrderLineStream(url, null, (stream) => refreshCategoryRepurchase(db, stream)));
    console.log(`after refresh: ${mem()}`);
    await time("read stored + stats", runs * 4, async () => {
      const stored = await readCategoryRepurchase(db);
      return stored?.histograms.map((h) => repurchaseStats(h, 365));
    });
  } finally {
    await db.$disconnect();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
