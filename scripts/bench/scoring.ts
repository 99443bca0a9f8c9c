// Scoring benchmark: one full scoring run on the 100k-account benchmark database (seeded like the web
// benchmark when absent), with the time per stage and peak memory. Targets: <= 60 s, <= 2 GB.
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { seedDatabase } from "../../prisma/seed/index";
import { runScoring } from "../../lib/scoring/run-scoring";
import { migrate, removeSqliteDatabase, ROOT } from "../lib-env";
import { peakRssMb, printSummary, progressPrinter } from "../score";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const URL = process.env.BENCH_DATABASE_URL ?? `file:./data/bench-${ACCOUNTS}.db`;

function counts(): { accounts: number; lines: number; opportunities: number } {
  try {
    const db = new Database(path.resolve(ROOT, URL.slice("file:".length)), { readonly: true });
    const row = db
      .prepare('SELECT (SELECT COUNT(*) FROM "Account") AS accounts, (SELECT COUNT(*) FROM "OrderLine") AS lines, (SELECT COUNT(*) FROM "Opportunity") AS opportunities')
      .get() as { accounts: number; lines: number; opportunities: number };
    db.close();
    return row;
  } catch {
    return { accounts: 0, lines: 0, opportunities: 0 };
  }
}

export async function main(): Promise<void> {
  console.log(`\n== Scoring benchmark (${ACCOUNTS.toLocaleString("en-US")} accounts, ${URL}) ==`);
  if (counts().accounts !== ACCOUNTS || process.env.BENCH_RESEED === "1") {
    removeSqliteDatabase(URL);
    migrate(URL);
    const t = performance.now();
    await seedDatabase({ url: URL, accounts: ACCOUNTS, reset: false });
    console.log(`seed: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  migrate(URL);
  const before = counts();
  console.log(
    `data: ${before.accounts.toLocaleString("en-US")} accounts, ${before.lines.toLocaleString("en-US")} order lines, ` +
      `${before.opportunities.toLocaleString("en-US")} opportunities from earlier runs`,
  );
  const rssBefore = peakRssMb();
  const t = performance.now();
  // CPU time next to wall time: on a shared machine the wall clock mostly measures the neighbours.
  const cpu = process.cpuUsage();
  const summary = await runScoring({ url: URL, onProgress: progressPrinter() });
  const total = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  printSummary(summary);
  console.log(`\nscoring run total: ${total.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU (target <= 60 s); load average ${os.loadavg()[0].toFixed(1)}; peak RSS ${peakRssMb().toFixed(0)} MB (target <= 2048 MB; ${rssBefore.toFixed(0)} MB before the run)`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
