import "server-only";
import { audit } from "@/lib/audit/log";
import { authorize, outOfScope } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { invalidInput } from "@/lib/errors";
import { createJobQueue } from "@/lib/jobs/queue";
import { SCORING_KIND, SCORING_SINGLETON_KEY, scoringPayloadSchema } from "@/lib/jobs/scoring-job";
import { JobConflictError, type JobProgress, type JobStatus, type JobView } from "@/lib/jobs/types";
import type { Actor } from "@/lib/auth/actor";

// Starting and watching jobs for the admin screens. Jobs run in worker processes (`npm run jobs:worker`);
// these functions only enqueue and read, from whichever app instance serves the request.

/** A job as the admin screens show it. */
export type JobDto = {
  id: string;
  kind: string;
  status: JobStatus;
  /** RUNNING, but its worker stopped sending heartbeats: it will be marked failed. */
  stale: boolean;
  progress: JobProgress | null;
  error: string | null;
  /** The scoring run the job started, once it exists. */
  scoringRunId: string | null;
  asOf: string | null;
  attempts: number;
  cancelRequested: boolean;
  createdById: string | null;
  createdAt: Date;
  startedAt: Date | null;
  heartbeatAt: Date | null;
  finishedAt: Date | null;
};

const queue = () => createJobQueue(db);

function toDto(j: JobView): JobDto {
  const payload = (j.payload ?? {}) as { asOf?: unknown };
  const result = j.result ?? {};
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    stale: j.stale,
    progress: j.progress,
    error: j.error,
    scoringRunId: typeof result.scoringRunId === "string" ? result.scoringRunId : null,
    asOf: typeof result.asOf === "string" ? result.asOf : typeof payload.asOf === "string" ? payload.asOf : null,
    attempts: j.attempts,
    cancelRequested: j.cancelRequested,
    createdById: j.createdById,
    createdAt: j.createdAt,
    startedAt: j.startedAt,
    heartbeatAt: j.heartbeatAt,
    finishedAt: j.finishedAt,
  };
}

/** Jobs of kinds the screens manage; anything else reads as not found. */
const KINDS = new Set([SCORING_KIND]);

/**
 * Queues a scoring run. Only one can be queued or running across all instances: a repeated start
 * returns the job already under way (`created: false`) instead of a second one.
 */
export async function startScoringJob(actor: Actor, input: unknown = {}, retried = false): Promise<{ job: JobDto; created: boolean }> {
  if (!retried) await authorize(actor, "scoring:run", "Job");
  const parsed = scoringPayloadSchema.pick({ asOf: true }).safeParse(input ?? {});
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const q = queue();
  try {
    const id = await q.enqueue(SCORING_KIND, { ...parsed.data, triggeredById: actor.id }, { singletonKey: SCORING_SINGLETON_KEY, createdById: actor.id });
    await audit({ userId: actor.id, action: "scoring.start", entityType: "Job", entityId: id, details: { asOf: parsed.data.asOf ?? null } });
    return { job: toDto((await q.getJob(id))!), created: true };
  } catch (e) {
    if (!(e instanceof JobConflictError)) throw e;
    const existing = await q.getJob(e.existingJobId);
    // It ended between the refusal and this read: start afresh.
    if ((!existing || !["QUEUED", "RUNNING"].includes(existing.status)) && !retried) return startScoringJob(actor, input, true);
    if (!existing) throw e;
    return { job: toDto(existing), created: false };
  }
}

export async function getJobStatus(actor: Actor, jobId: string): Promise<JobDto> {
  await authorize(actor, "scoring:run", "Job");
  const job = await queue().getJob(jobId);
  if (!job || !KINDS.has(job.kind)) throw await outOfScope(actor, "Job", jobId);
  return toDto(job);
}

/** Newest first. */
export async function listScoringJobs(actor: Actor, options: { limit?: number } = {}): Promise<JobDto[]> {
  await authorize(actor, "scoring:run", "Job");
  return (await queue().listJobs({ kind: SCORING_KIND, limit: options.limit ?? 20 })).map(toDto);
}

/** A queued job is cancelled at once; a running scoring run stops at its next stage (not once it is activating). */
export async function cancelJob(actor: Actor, jobId: string): Promise<JobDto> {
  await authorize(actor, "scoring:run", "Job");
  const q = queue();
  const before = await q.getJob(jobId);
  if (!before || !KINDS.has(before.kind)) throw await outOfScope(actor, "Job", jobId);
  const after = (await q.cancel(jobId))!;
  if (after.status !== before.status || after.cancelRequested !== before.cancelRequested) {
    await audit({ userId: actor.id, action: "scoring.cancel", entityType: "Job", entityId: jobId, details: { status: before.status } });
  }
  return toDto(after);
}
