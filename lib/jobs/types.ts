/**
 * The durable-jobs interface (lib/jobs): jobs are rows of the `Job` table, enqueued by any app instance,
 * claimed and run by worker processes (`npm run jobs:worker`), and readable from every instance.
 */
import type { JobStatus } from "@/lib/generated/prisma/enums";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Sql } from "./sql";

export type { JobStatus };

/** A RUNNING job whose heartbeat is older than this belongs to a dead worker (the scoring run's own threshold). */
export const DEFAULT_STALE_AFTER_MS = 2 * 60_000;

/** What a worker last reported about a running job. */
export interface JobProgress {
  stage: string;
  /** 0..100 */
  percent: number;
  counts?: Record<string, number>;
  message?: string;
}

export type JsonObject = Record<string, unknown>;

/** A job as any instance reads it (no Prisma types). */
export interface JobView {
  id: string;
  kind: string;
  status: JobStatus;
  payload: unknown;
  singletonKey: string | null;
  progress: JobProgress | null;
  result: JsonObject | null;
  error: string | null;
  attempts: number;
  maxAttempts: number;
  workerId: string | null;
  cancelRequested: boolean;
  createdById: string | null;
  createdAt: Date;
  startedAt: Date | null;
  heartbeatAt: Date | null;
  finishedAt: Date | null;
  /** RUNNING with a heartbeat older than the stale threshold: its worker died and no sweeper has failed it yet. */
  stale: boolean;
}

export interface EnqueueOptions {
  /** At most one job of this key can be queued or running at a time; a second enqueue is refused. */
  singletonKey?: string;
  /** Runs the job gets in all (a dead worker's job is queued again until then). Default 1. */
  maxAttempts?: number;
  createdById?: string | null;
}

export interface JobContext {
  job: { id: string; kind: string; payload: unknown; attempts: number };
  /** Aborted when the job is cancelled or the worker lost it (declared stale): stop soon and throw. */
  signal: AbortSignal;
  /** Records progress (written within progressMs, at once when the stage changes); every write is a heartbeat. */
  progress(progress: JobProgress): void;
  /** Merges values into the job's result now, readable while the job runs (e.g. the id of what it creates). */
  setResult(values: JsonObject): Promise<void>;
  /** Writes a heartbeat now (workers also beat on a timer). */
  heartbeat(): Promise<void>;
}

/** Runs one job; what it returns is merged into the job's result. Throwing fails the job with the message. */
export type JobHandler = (ctx: JobContext) => Promise<JsonObject | void>;

/**
 * Called once when a sweeper fails a job of this kind whose worker died, to bring what the job was doing
 * into line (e.g. fail the scoring run it started). May report that the work had in fact completed.
 */
export type StaleHook = (
  job: JobView,
  ctx: { db: PrismaClient; sql: Sql; now: Date; error: string },
) => Promise<void | { completed: JsonObject }>;

/** A second active job of a singleton key was refused. */
export class JobConflictError extends Error {
  constructor(
    readonly singletonKey: string,
    readonly existingJobId: string,
  ) {
    super(`a "${singletonKey}" job is already queued or running (job ${existingJobId})`);
    this.name = "JobConflictError";
  }
}

/** Abort reasons a handler sees on ctx.signal. */
export class JobCancelledError extends Error {
  constructor(message = "cancelled") {
    super(message);
    this.name = "JobCancelledError";
  }
}

export class JobLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JobLostError";
  }
}
