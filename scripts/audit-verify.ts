// `npm run audit:verify`: checks the audit log's hash chain in DATABASE_URL (default
// file:./data/crm.db). Exit 0 when intact, 1 when a row breaks it (named), 2 when it cannot check.
import fs from "node:fs";
import path from "node:path";
import { verifyAuditChain } from "../lib/audit/chain";
import { databaseUrl, sqliteFilePath } from "../lib/db-url";
import { createPrismaClient } from "../lib/prisma-client";

async function main(): Promise<number> {
  const url = databaseUrl();
  const file = sqliteFilePath(url);
  // Opening a missing SQLite file would create an empty one.
  if (file !== null && !fs.existsSync(path.resolve(file))) {
    console.error(`No database at ${file} (DATABASE_URL). Nothing to verify.`);
    return 2;
  }
  const db = createPrismaClient(url);
  try {
    const started = performance.now();
    const report = await verifyAuditChain(db);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    console.log(`checked rows: ${report.checked}`);
    console.log(`legacy rows (before the chain, not verifiable): ${report.legacyRows}`);
    if (report.ok) {
      console.log(`audit chain intact (${seconds} s)`);
      return 0;
    }
    const b = report.firstBroken!;
    console.log("audit chain BROKEN at the first bad row:");
    console.log(`  seq:    ${b.seq ?? "(none)"}`);
    console.log(`  id:     ${b.id ?? "(row missing)"}`);
    console.log(`  time:   ${b.createdAt?.toISOString() ?? "(unknown)"}`);
    console.log(`  reason: ${b.reason}`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
