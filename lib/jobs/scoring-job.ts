/**
 * The scoring run as a job of kind "scoring". The run keeps its own guarantees (one RUNNING run at a
 * time, heartbeat, activation only in its final guarded transaction); the job adds a queue, a singleton
 * key so two instances never queue two, progress readable from any instance, and cancellation.
 */
import { z } from "zod";
import type { RunScoringOptions, ScoringSummary } from "@/lib/scoring/run-scoring";
import type { StageName } from "@/lib/scoring/types";
import type { JobHandler, JobProgress, JobView, StaleHook } from "./types";

export const SCORING_KIND = "scoring";
/** Only one scoring job may be queued or running, whichever instance enqueued it. */
export const SCORING_SINGLETON_KEY = "scoring";

export const scoringPayloadSchema = z
  .object({
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD").optional(),
    triggeredById: z.string().min(1).nullable().optional(),
  })
  .strict();
export type ScoringPayload = z.infer<typeof scoringPayloadSchema>;

export interface ScoringHandlerOptions {
  url: string;
  /** Tests: inject a failure (runScoring's failAt) or another runner. */
  failAt?: StageName;
  runScoring?: (options: RunScoringOptions) => Promise<ScoringSummary>;
}

function numericCounts(counts: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter((e): e is [string, number] => typeof e[1] === "number"));
}

export function createScoringHandler(options: ScoringHandlerOptions): JobHandler {
  return async (ctx) => {
    const payload = scoringPayloadSchema.parse(ctx.job.payload ?? {});
    // Loaded when a scoring job runs, not when a queue is built (the app only enqueues and reads).
    const runScoring = options.runScoring ?? (await import("@/lib/scoring/run-scoring")).runScoring;
    let linked: Promise<void> | null = null;
    const summary = await runScoring({
      url: options.url,
      asOf: payload.asOf,
      triggeredById: payload.triggeredById ?? null,
      failAt: options.failAt,
      onProgress: (e) => {
        // The run's id as soon as it exists: a sweeper that finds this job dead fails that run too.
        linked ??= ctx.setResult({ scoringRunId: e.runId });
        // Cancellation stops the run at a stage boundary (events without a message are the run's own
        // steps, outside its order-line stream); once activation has begun the run finishes.
        if (ctx.signal.aborted && e.stage !== "activate" && e.message === undefined) throw ctx.signal.reason;
        const progress: JobProgress = { stage: e.stage, percent: Math.round(e.progress * 1000) / 10 };
        if (e.message) progress.message = e.message;
        ctx.progress(progress);
      },
    });
    await linked;
    ctx.progress({ stage: "done", percent: 100, counts: numericCounts(summary.counts) });
    return {
      scoringRunId: summary.runId,
      asOf: summary.asOf,
      counts: summary.counts,
      timings: summary.timings,
      staleRunsFailed: summary.staleRunsFailed,
    };
  };
}

/**
 * A scoring job whose worker died: its scoring run (if it started one) must end FAILED too, and its
 * partial rows go. The guarded update settles any race with the run's activation, which completes the
 * run only `WHERE status = 'RUNNING'` in the same transaction that makes it active: whichever commits
 * first wins, so a run failed here can never go live. A run that had completed makes the job completed.
 */
export const reconcileStaleScoringJob: StaleHook = async (job: JobView, { db, sql, now, error }) => {
  const runId = typeof job.result?.scoringRunId === "string" ? job.result.scoringRunId : null;
  if (!runId) return;
  const message = `job ${job.id}: ${error}`.slice(0, 2000);
  const failed = await sql.exec`UPDATE "ScoringRun" SET "status" = 'FAILED', "error" = ${message}, "finishedAt" = ${now} WHERE "id" = ${runId} AND "status" = 'RUNNING'`;
  if (failed === 1) {
    // The rows it wrote before activation (as the scoring store's failRun removes them): never visible,
    // since the run never went live. One statement each (see sql.ts on why not one Prisma transaction).
    await sql.exec`DELETE FROM "Opportunity" WHERE "runId" = ${runId}`;
    await sql.exec`DELETE FROM "AccountMetrics" WHERE "runId" = ${runId}`;
    await sql.exec`DELETE FROM "MinedRule" WHERE "runId" = ${runId}`;
    return;
  }
  const run = await db.scoringRun.findUnique({ where: { id: runId }, select: { status: true } });
  if (run?.status === "COMPLETED") return { completed: { scoringRunId: runId, note: "the worker stopped after the run was activated" } };
};
