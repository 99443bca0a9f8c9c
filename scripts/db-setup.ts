// Creates and migrates the database, seeds demo data when it is empty, and scores it once.
import { seedDatabase } from "../prisma/seed/index";
import { databaseUrl } from "../lib/db-url";
import { createPrismaClient } from "../lib/prisma-client";
import { runScoring } from "../lib/scoring/run-scoring";
import { migrateDatabase } from "./lib-env";

/** Runs a scoring run when the database has orders but no active run yet. */
export async function scoreIfNeeded(url: string): Promise<void> {
  const db = createPrismaClient(url);
  try {
    const [active, orders] = await Promise.all([db.scoringRun.count({ where: { active: true } }), db.order.count()]);
    if (active > 0 || orders === 0) return;
  } finally {
    await db.$disconnect();
  }
  const started = performance.now();
  const summary = await runScoring({ url });
  const c = summary.counts as { opportunities?: number; holdoutAccounts?: number };
  console.log(`Scored: ${c.opportunities ?? 0} opportunities (${c.holdoutAccounts ?? 0} holdout accounts) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export async function setupDatabase(url: string = databaseUrl(), accounts?: number): Promise<void> {
  await migrateDatabase(url);
  const seeded = await seedDatabase({ url, accounts, reset: false, history: true });
  if (!seeded.skipped) console.log(`Seeded demo data: ${Object.entries(seeded.counts).map(([k, v]) => `${v} ${k}`).join(", ")}`);
  await scoreIfNeeded(url);
}

if (require.main === module) {
  setupDatabase().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
