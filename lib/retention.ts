/**
 * Retention: removes EXPIRED opportunities that no figure needs any more. Each nightly scoring run
 * expires the previous run's untouched offers (~290k rows at 100k accounts), so without pruning the
 * Opportunity table grows by that much every night.
 *
 * What the uplift figures need: per scoring run inside the measurement window, which (account, product,
 * holdout) were offered, then whether the account bought an offered product within the run's 60-day
 * purchase window (lib/scoring/compute-opportunities WINDOW_DAYS). The window is the `retentionDays`
 * setting (default 180 days: a 90-day dashboard period plus the previous 90 days to compare it with,
 * each run's 60-day purchase window closing inside them; never below the 60-day purchase window).
 *
 * An opportunity is deleted only when ALL of these hold, and is kept otherwise:
 * - its status is EXPIRED (OPEN, SNOOZED, WON, LOST and SUPPRESSED are outcomes or live work: kept);
 * - its run is not the active run, is not RUNNING, and finished (or, without finishedAt, started)
 *   before the cutoff (now - retentionDays): every opportunity of a run younger than the window stays,
 *   so the run's offered set and holdout split are complete for the uplift figures;
 * - it expired before the cutoff (closedAt, or updatedAt when closedAt is missing): an old run that
 *   stayed active until recently keeps the offers reps could see until then;
 * - no Activity references it (activities keep their opportunity: history is never lost or unlinked);
 * - no OrderLine references it (cross-sold lines keep their opportunity for revenue and return KPIs).
 * ScoringRun rows themselves, their AccountMetrics and MinedRules are not touched.
 *
 * Deletes go in batches of `batchSize` ids (10,000), one short statement each, so SQLite's write lock is
 * held for one batch at a time and the app's writers get in between. The DELETE repeats the status and
 * "no activity, no order line" conditions, so a row that gained history after it was selected stays.
 * (Activity and OrderLine reference Opportunity with ON DELETE SET NULL, so the re-check is what keeps a
 * reference from being nulled. The app only links activities to OPEN/SNOOZED opportunities through a
 * guarded update of the opportunity row, which a concurrent DELETE waits for; a future writer that links
 * an order line to an EXPIRED opportunity should update that opportunity in the same transaction too.)
 * Prisma queries plus a portable SELECT and DELETE (quoted identifiers, LIMIT, NOT EXISTS): runs on SQLite
 * and PostgreSQL alike.
 */
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { WINDOW_DAYS } from "@/lib/scoring/compute-opportunities";
import { DEFAULT_SETTINGS, settingsSchema } from "@/lib/validations/settings";

export const PRUNE_BATCH_SIZE = 10_000;
const MS_PER_DAY = 86_400_000;

export interface PruneOptions {
  /** Overrides the stored `retentionDays` setting. */
  retentionDays?: number;
  /** Count what would be deleted, delete nothing. */
  dryRun?: boolean;
  batchSize?: number;
  /** Pause between batches so waiting writers take the lock (SQLite); default 20 ms. */
  pauseMs?: number;
  now?: Date;
  onBatch?: (e: { runId: string; deleted: number; totalDeleted: number; ms: number }) => void;
}

export interface PrunedRun {
  runId: string;
  startedAt: Date;
  finishedAt: Date | null;
  /** EXPIRED opportunities deleted (or, in a dry run, that would be). */
  deleted: number;
  /** EXPIRED opportunities of the run kept because an activity or order line references them. */
  keptWithHistory: number;
}

export interface PruneReport {
  dryRun: boolean;
  retentionDays: number;
  cutoff: Date;
  runs: PrunedRun[];
  deleted: number;
  keptWithHistory: number;
  batches: number;
  /** Longest single DELETE (how long SQLite's write lock was held at most). */
  maxBatchMs: number;
  ms: number;
}

/** The stored `retentionDays` setting, or its default when absent or invalid (as lib/data/settings does). */
export async function readRetentionDays(db: PrismaClient): Promise<number> {
  const row = await db.setting.findUnique({ where: { key: "retentionDays" }, select: { value: true } });
  const parsed = settingsSchema.shape.retentionDays.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS.retentionDays;
}

/** Runs whose opportunities are all outside the window: not active, not running, finished before the cutoff. */
function pastRunsWhere(cutoff: Date): Prisma.ScoringRunWhereInput {
  return {
    active: false,
    status: { not: "RUNNING" },
    OR: [{ finishedAt: { lt: cutoff } }, { finishedAt: null, startedAt: { lt: cutoff } }],
  };
}

function expiredBefore(runId: string, cutoff: Date): Prisma.OpportunityWhereInput {
  return { runId, status: "EXPIRED", OR: [{ closedAt: { lt: cutoff } }, { closedAt: null, updatedAt: { lt: cutoff } }] };
}

function prunableWhere(runId: string, cutoff: Date): Prisma.OpportunityWhereInput {
  return { ...expiredBefore(runId, cutoff), activities: { none: {} }, orderLines: { none: {} } };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function pruneExpiredOpportunities(db: PrismaClient, options: PruneOptions = {}): Promise<PruneReport> {
  const started = performance.now();
  const retentionDays = options.retentionDays ?? (await readRetentionDays(db));
  if (!Number.isInteger(retentionDays) || retentionDays < WINDOW_DAYS) {
    throw new Error(`retention must be a whole number of days >= ${WINDOW_DAYS} (the scoring run's purchase window), not ${retentionDays}`);
  }
  const batchSize = options.batchSize ?? PRUNE_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batch size must be a positive whole number, not ${batchSize}`);
  const pauseMs = options.pauseMs ?? 20;
  const dryRun = options.dryRun ?? false;
  const cutoff = new Date((options.now ?? new Date()).getTime() - retentionDays * MS_PER_DAY);

  const pastRuns = await db.scoringRun.findMany({
    where: pastRunsWhere(cutoff),
    select: { id: true, startedAt: true, finishedAt: true },
    orderBy: { startedAt: "asc" },
  });
  const report: PruneReport = { dryRun, retentionDays, cutoff, runs: [], deleted: 0, keptWithHistory: 0, batches: 0, maxBatchMs: 0, ms: 0 };
  for (const run of pastRuns) {
    const expired = await db.opportunity.count({ where: expiredBefore(run.id, cutoff) });
    if (expired === 0) continue;
    let deleted = 0;
    if (dryRun) deleted = await db.opportunity.count({ where: prunableWhere(run.id, cutoff) });
    else {
      for (;;) {
        // No ORDER BY (Prisma adds one to every `take`): SQLite then walks the run's index and stops at
        // batchSize matches, instead of reading and sorting all of the run's remaining rows per batch.
        const rows = await db.$queryRaw<{ id: string }[]>`
          SELECT o."id" FROM "Opportunity" o
          WHERE o."runId" = ${run.id} AND o."status" = 'EXPIRED'
            AND (o."closedAt" < ${cutoff} OR (o."closedAt" IS NULL AND o."updatedAt" < ${cutoff}))
            AND NOT EXISTS (SELECT 1 FROM "Activity" a WHERE a."opportunityId" = o."id")
            AND NOT EXISTS (SELECT 1 FROM "OrderLine" l WHERE l."opportunityId" = o."id")
          LIMIT ${batchSize}`;
        const ids = rows.map((o) => o.id);
        if (ids.length === 0) break;
        const t0 = performance.now();
        const n = await db.$executeRaw`
          DELETE FROM "Opportunity" WHERE "id" IN (${Prisma.join(ids)}) AND "status" = 'EXPIRED'
            AND NOT EXISTS (SELECT 1 FROM "Activity" a WHERE a."opportunityId" = "Opportunity"."id")
            AND NOT EXISTS (SELECT 1 FROM "OrderLine" l WHERE l."opportunityId" = "Opportunity"."id")`;
        const ms = performance.now() - t0;
        report.batches++;
        report.maxBatchMs = Math.max(report.maxBatchMs, ms);
        deleted += n;
        options.onBatch?.({ runId: run.id, deleted: n, totalDeleted: report.deleted + deleted, ms });
        // Selected but none deletable: the select and the delete disagree; stop rather than spin.
        if (n === 0) break;
        if (ids.length < batchSize) break;
        if (pauseMs > 0) await sleep(pauseMs);
      }
    }
    // In a dry run: expired minus deletable; after deleting: what is left of the run's old expired offers.
    const keptWithHistory = dryRun ? expired - deleted : await db.opportunity.count({ where: expiredBefore(run.id, cutoff) });
    report.runs.push({ runId: run.id, startedAt: run.startedAt, finishedAt: run.finishedAt, deleted, keptWithHistory });
    report.deleted += deleted;
    report.keptWithHistory += keptWithHistory;
  }
  report.ms = performance.now() - started;
  return report;
}
