// `npm run db:prune [-- --dry-run] [--days N] [--batch N]`: deletes EXPIRED opportunities of past scoring
// runs that the uplift figures no longer need (what is kept: lib/retention.ts), on DATABASE_URL (SQLite or
// PostgreSQL). --dry-run only counts. --days overrides the retentionDays setting (default 180).
import { databaseProvider, databaseUrl } from "../lib/db-url";
import { createPrismaClient } from "../lib/prisma-client";
import { PRUNE_BATCH_SIZE, pruneExpiredOpportunities, type PruneReport } from "../lib/retention";

const USAGE = `Usage: npm run db:prune -- [--dry-run] [--days N] [--batch N]
  --dry-run   count what would be deleted, delete nothing
  --days N    retention window in days (default: the retentionDays setting, 180 when unset; at least 60)
  --batch N   ids per DELETE statement (default ${PRUNE_BATCH_SIZE})`;

export interface PruneArgs {
  dryRun: boolean;
  days?: number;
  batch?: number;
}

export function parsePruneArgs(argv: string[]): PruneArgs {
  const out: PruneArgs = { dryRun: false };
  const int = (name: string, v: string | undefined) => {
    if (!v || !/^\d+$/.test(v)) throw new Error(`${name} needs a whole number\n${USAGE}`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const [arg, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (arg === "--dry-run") out.dryRun = true;
    else if (arg === "--days") out.days = int("--days", value());
    else if (arg === "--batch") out.batch = int("--batch", value());
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
  }
  return out;
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "-");

export function printPruneReport(r: PruneReport): void {
  const verb = r.dryRun ? "would delete" : "deleted";
  console.log(`retention ${r.retentionDays} days: EXPIRED opportunities of runs finished and expired before ${r.cutoff.toISOString()}`);
  for (const run of r.runs) {
    console.log(`  run ${run.runId} (started ${day(run.startedAt)}, finished ${day(run.finishedAt)}): ${verb} ${run.deleted.toLocaleString("en-US")}, kept ${run.keptWithHistory.toLocaleString("en-US")} with activities or order lines`);
  }
  const batches = r.dryRun ? "" : ` in ${r.batches} batches (longest ${Math.round(r.maxBatchMs)} ms)`;
  console.log(`${r.dryRun ? "dry run: " : ""}${verb} ${r.deleted.toLocaleString("en-US")} opportunities from ${r.runs.length} runs${batches}, ${(r.ms / 1000).toFixed(1)} s; kept ${r.keptWithHistory.toLocaleString("en-US")} with history`);
}

async function main(): Promise<void> {
  let args: PruneArgs;
  try {
    args = parsePruneArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const url = databaseUrl();
  const db = createPrismaClient(url);
  try {
    console.log(`pruning ${databaseProvider(url)} database${args.dryRun ? " (dry run)" : ""}`);
    let last = 0;
    const report = await pruneExpiredOpportunities(db, {
      dryRun: args.dryRun,
      retentionDays: args.days,
      batchSize: args.batch,
      onBatch: (e) => {
        const now = performance.now();
        if (now - last < 1000) return;
        last = now;
        console.log(`  ... ${e.totalDeleted.toLocaleString("en-US")} deleted`);
      },
    });
    printPruneReport(report);
  } catch (e) {
    console.error(`prune failed: ${(e as Error).message}`);
    process.exitCode = 1;
  } finally {
    await db.$disconnect();
  }
}

if (/scripts[\\/]prune\.[cm]?[jt]s$/.test(process.argv[1] ?? "")) void main();
