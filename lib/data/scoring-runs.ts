import "server-only";
import { db } from "@/lib/db";
import { authorize } from "@/lib/auth/authorize";
import { listScoringJobs, startScoringJob, type JobDto } from "@/lib/data/jobs";
import { runQueuedJobsInApp, jobsRunInApp } from "@/lib/data/scoring-runs-runner";
import { AppError } from "@/lib/errors";
import { isStaleRun } from "@/lib/scoring/types";
import type { Actor } from "@/lib/auth/actor";

/** A scoring run as the scoring page shows it (no Prisma types). */
export type ScoringRunRow = {
  id: string;
  status: "RUNNING" | "COMPLETED" | "FAILED";
  /** RUNNING with no heartbeat for the stale threshold: its process died; the next run marks it failed. */
  stale: boolean;
  active: boolean;
  stage: string;
  percent: number;
  counts: Record<string, unknown> | null;
  timings: Record<string, number> | null;
  parameters: Record<string, unknown> | null;
  error: string | null;
  triggeredBy: string | null;
  startedAt: string;
  heartbeatAt: string;
  finishedAt: string | null;
  durationMs: number | null;
};

export type ScoringPage = {
  runs: ScoringRunRow[];
  /** The queued or running job, if any, with what its worker last reported. */
  current: JobDto | null;
  /** Jobs are run by this app process when no separate worker is configured (see scoring-runs-runner). */
  runsInApp: boolean;
};

const asObject = (v: unknown): Record<string, unknown> | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

export async function getScoringPage(actor: Actor, limit = 25): Promise<ScoringPage> {
  await authorize(actor, "scoring:run", "ScoringRun");
  const now = new Date();
  const [runs, jobs] = await Promise.all([
    db.scoringRun.findMany({
      orderBy: { startedAt: "desc" },
      take: limit,
      select: {
        id: true, status: true, active: true, stage: true, progress: true, counts: true, timings: true, parameters: true, error: true,
        startedAt: true, heartbeatAt: true, finishedAt: true, triggeredBy: { select: { name: true } },
      },
    }),
    listScoringJobs(actor, { limit: 5 }),
  ]);
  const current = jobs.find((j) => j.status === "QUEUED" || j.status === "RUNNING") ?? null;
  return {
    runs: runs.map((r) => ({
      id: r.id,
      status: r.status,
      stale: isStaleRun(r, now),
      active: r.active,
      stage: r.stage,
      percent: Math.round(r.progress * 1000) / 10,
      counts: asObject(r.counts),
      timings: asObject(r.timings) as Record<string, number> | null,
      parameters: asObject(r.parameters),
      error: r.error,
      triggeredBy: r.triggeredBy?.name ?? null,
      startedAt: r.startedAt.toISOString(),
      heartbeatAt: r.heartbeatAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
    })),
    current,
    runsInApp: jobsRunInApp(),
  };
}

/**
 * Queues a scoring run as a durable job; refused with a clear message while one is queued or running
 * (from any instance). Without a separate worker, this app process runs it (scoring-runs-runner).
 */
export async function startScoringRun(actor: Actor): Promise<JobDto> {
  await authorize(actor, "scoring:run", "ScoringRun");
  const { job, created } = await startScoringJob(actor, {});
  if (!created) {
    const since = job.startedAt ?? job.createdAt;
    throw new AppError(
      "CONFLICT",
      `A scoring run is already ${job.status === "RUNNING" ? `running (${job.progress ? `${job.progress.stage}, ${job.progress.percent}%` : "starting"})` : "queued"} since ${since.toISOString().slice(11, 19)} UTC. Wait for it to finish.`,
    );
  }
  if (jobsRunInApp()) runQueuedJobsInApp();
  return job;
}
