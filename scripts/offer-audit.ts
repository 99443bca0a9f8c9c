/**
 * Audit of the active scoring run's offers: `npx tsx scripts/offer-audit.ts` (DATABASE_URL as the
 * app). Prints JSON: the share of queued offers that are durable substitutes of a purchase in the last
 * 180 days, the reason-number check over every opportunity, and the repurchase rate per category.
 */
import { databaseUrl } from "@/lib/db-url";
import { createPrismaClient } from "@/lib/prisma-client";
import { auditActiveRun } from "@/lib/scoring/offer-audit-db";

async function main() {
  const db = createPrismaClient(databaseUrl());
  try {
    const audit = await auditActiveRun(db);
    process.stdout.write(`${JSON.stringify(audit, null, 2)}\n`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
