// Scoring benchmark: one full scoring run on the 100k-account benchmark database (seeded like the web
// benchmark when absent), with the time per stage and peak memory, once per worker count
// (BENCH_SCORING_WORKERS, default "1,2"). Targets: <= 60 s, <= 2 GB per process.
// BENCH_DATABASE_URL=postgresql://... runs it on PostgreSQL (the database must exist; it is reset
// and reseeded when its account count differs).
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseProvider } from "../../lib/db-url";
import { seedDatabase } from "../../prisma/seed/index";
import { runScoring } from "../../lib/scoring/run-scoring";
import { migrateDatabase, resetDatabase, ROOT } from "../lib-env";
import { peakRssMb, printSummary, progressPrinter, redactUrl } from "../score";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const URL = process.env.BENCH_DATABASE_URL ?? `file:./data/bench-${ACCOUNTS}.db`;

type Counts = { accounts: number; lines: number; opportunities: number };
const COUNTS_SQL = 'SELECT (SELECT COUNT(*) FROM "Account") AS accounts, (SELECT COUNT(*) FROM "OrderLine") AS lines, (SELECT COUNT(*) FROM "Opportunity") AS opportunities';

async function counts(): Promise<Counts> {
  try {
    if (databaseProvider(URL) === "postgresql") {
      const client = new pg.Client({ connectionString: URL });
      await client.connect();
      try {
        const row = (await client.query(COUNTS_SQL)).rows[0] as Record<keyof Counts, string>;
        return { accounts: Number(row.accounts), lines: Number(row.lines), opportunities: Number(row.opportunities) };
      } finally {
        await client.end();
      }
    }
    const db = new Database(path.resolve(ROOT, URL.slice("file:".length)), { readonly: true });
    const row = db.prepare(COUNTS_SQL).get() as Counts;
    db.close();
    return row;
  } catch {
    return { accounts: 0, lines: 0, opportunities: 0 };
  }
}

export async function main(): Promise<void> {
  console.log(`\n== Scoring benchmark (${ACCOUNTS.toLocaleString("en-US")} accounts, ${redactUrl(URL)}) ==`);
  if ((await counts()).accounts !== ACCOUNTS || process.env.BENCH_RESEED === "1") {
    await resetDatabase(URL);
    await migrateDatabase(URL);
    const t = performance.now();
    await seedDatabase({ url: URL, accounts: ACCOUNTS, reset: false });
    console.log(`seed: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  await migrateDatabase(URL);
  const before = await counts();
  console.log(
    `data: ${before.accounts.toLocaleString("en-US")} accounts, ${before.lines.toLocaleString("en-US")} order lines, ` +
      `${before.opportunities.toLocaleString("en-US")} opportunities from earlier runs`,
  );
  // One run per worker count (BENCH_SCORING_WORKERS, default "1,2"), each a complete run on the same data.
  const workerCounts = (process.env.BENCH_SCORING_WORKERS ?? "1,2").split(",").map(Number).filter((n) => Number.isInteger(n) && n >= 1);
  const results: string[] = [];
  for (const workers of workerCounts) {
    console.log(`\n-- ${workers} worker${workers > 1 ? "s" : ""} --`);
    const rssBefore = peakRssMb();
    const t = performance.now();
    // CPU time next to wall time: on a shared machine the wall clock mostly measures the neighbours.
    const cpu = process.cpuUsage();
    const summary = await runScoring({ url: URL, workers, onProgress: progressPrinter() });
    const total = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    printSummary(summary);
    const perWorker = summary.counts.workersPeakRssMb as number[] | undefined;
    const memory = perWorker ? `peak RSS per worker ${perWorker.join(" / ")} MB` : `peak RSS ${peakRssMb().toFixed(0)} MB (${rssBefore.toFixed(0)} MB before the run)`;
    const cpuNote = perWorker ? "" : `, ${cpuSeconds.toFixed(1)} s CPU`;
    const line = `${workers} worker${workers > 1 ? "s" : ""}: ${total.toFixed(1)} s wall${cpuNote} (target <= 60 s); opportunities stage ${(summary.timings.opportunities / 1000).toFixed(1)} s; ${memory} (target <= 2048 MB); load average ${os.loadavg()[0].toFixed(1)}`;
    console.log(`\nscoring run total, ${line}`);
    results.push(line);
  }
  console.log(`\nscoring summary (${ACCOUNTS.toLocaleString("en-US")} accounts):\n  ${results.join("\n  ")}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
