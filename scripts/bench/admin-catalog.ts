// Admin catalog benchmark: the data functions behind /admin/pairs, /admin/rules, /admin/products and the
// pair page on the benchmark data set (100k accounts, a scored run), p50/p95 over 50 calls each, plus the
// impact preview. Numbers are printed, never asserted.
//   BENCH_CATALOG_DATABASE_URL=file:./data/bench-100000.db npx tsx scripts/bench/admin-catalog.ts
import "./activation-server-only";
import { percentile } from "./http";

const URL = process.env.BENCH_CATALOG_DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? `file:./data/bench-${Number(process.env.BENCH_ACCOUNTS ?? 100_000)}.db`;
const N = 50;

async function time(label: string, fn: (i: number) => Promise<unknown>, runs = N, warmup = 3): Promise<void> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(52)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms`);
}

export async function main(): Promise<void> {
  process.env.DATABASE_URL = URL;
  const { db } = await import("@/lib/db");
  const { listPairs, getPair } = await import("@/lib/data/pairs");
  const { listRules } = await import("@/lib/data/rules");
  const { listProducts } = await import("@/lib/data/products");
  const { pairImpact } = await import("@/lib/data/pairs-preview");
  const { pairListSchema } = await import("@/lib/validations/pairs");
  const { ruleListSchema } = await import("@/lib/validations/rules");
  const { productListSchema } = await import("@/lib/validations/products");
  const admin = await db.user.findFirstOrThrow({ where: { email: "admin@example.com" }, select: { id: true, email: true, name: true, role: true, teamId: true } });
  const [accounts, opportunities, rules, pairs] = await Promise.all([db.account.count(), db.opportunity.count(), db.minedRule.count({ where: { run: { active: true } } }), db.productPair.findMany({ select: { id: true, sourceProductId: true, targetProductId: true, windowMinDays: true, windowMaxDays: true } })]);
  console.log(`\n== Admin catalog benchmark (${URL}) ==`);
  console.log(`data: ${accounts.toLocaleString("en-US")} accounts, ${opportunities.toLocaleString("en-US")} opportunities, ${rules.toLocaleString("en-US")} rules in the active run, ${pairs.length} pairs`);
  if (accounts === 0) throw new Error("empty benchmark database: run npm run bench:web once (it seeds and scores it) or point BENCH_CATALOG_DATABASE_URL at one");

  await time("pairs list, first page", () => listPairs(admin, pairListSchema.parse({})));
  await time("pairs list, sorted by target, page 2", () => listPairs(admin, pairListSchema.parse({ sort: "target", dir: "desc", page: "2" })));
  await time("pairs list, filters (type, active, category)", () => listPairs(admin, pairListSchema.parse({ type: "ACCESSORY", active: "active", sourceCategory: "Cameras" })));
  await time("pairs list, search", (i) => listPairs(admin, pairListSchema.parse({ q: ["cam", "ink", "lens", "tv", "bag"][i % 5] })));
  await time("pair page (history, counts)", (i) => getPair(admin, pairs[i % pairs.length].id));
  await time("rules review, pending first by lift", () => listRules(admin, ruleListSchema.parse({})));
  await time("rules review, sequence rules by confidence, page 3", () => listRules(admin, ruleListSchema.parse({ kind: "SEQUENCE", sort: "confidence", page: "3" })));
  await time("rules review, search", (i) => listRules(admin, ruleListSchema.parse({ q: ["cam", "ink", "lens", "tv", "bag"][i % 5] })));
  await time("products list", (i) => listProducts(admin, productListSchema.parse({ page: String(1 + (i % 4)) })));
  await time("products list by margin", () => listProducts(admin, productListSchema.parse({ sort: "margin", dir: "desc" })));
  await time("impact preview of a pair (not a list)", (i) => {
    const p = pairs[i % pairs.length];
    return pairImpact(admin, { id: p.id, sourceProductId: p.sourceProductId, targetProductId: p.targetProductId, windowMinDays: p.windowMinDays, windowMaxDays: p.windowMaxDays, eligibleSegments: [] });
  }, 20, 1);
  await db.$disconnect();
}

if (process.argv[1]?.endsWith("admin-catalog.ts")) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
